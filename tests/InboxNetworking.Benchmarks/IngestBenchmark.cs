using System.Text;
using System.Text.RegularExpressions;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Files;
using InboxNetworking.Storage;
using MimeKit;

namespace InboxNetworking.Benchmarks;

/// <summary>Import of ksummit.mbox repeated to at least N messages (Message-IDs made distinct per copy),
/// against the baseline: a bare MimeKit parse of the same file that reads From, Date and Message-ID.</summary>
internal static partial class IngestBenchmark
{
    public static async Task<string> RunAsync(string corpora, int target)
    {
        var source = Path.Combine(corpora, "mail", "ksummit.mbox");
        var work = Path.Combine(Path.GetTempPath(), "inboxnet-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        var big = Path.Combine(work, "big.mbox");
        var copies = WriteCopies(source, big, target);
        Console.WriteLine($"ingest: {big} ({new FileInfo(big).Length / 1048576} MiB, {copies} copies)");

        Measure.ResetPeak();
        var (baseTime, baseCount) = Measure.Time(() => BareParse(big));
        var basePeak = Measure.PeakRssMiB();
        Console.WriteLine($"  baseline bare MimeKit parse: {baseCount} messages in {baseTime.TotalSeconds:0.00} s, peak {basePeak:0} MiB");

        Measure.ResetPeak();
        var time = TimeProvider.System;
        var store = SqliteInboxStore.Open(Path.Combine(work, "bench.db"), time);
        var account = await store.EnsureAccountAsync("bench", ["owner@example.org"], "UTC", CancellationToken.None);
        var files = new FileSources(new FilesOptions(), time);
        var (importTime, summary) = await Measure.TimeAsync(() => new Ingestor(store, time).IngestAsync(account, files.Discover(big), null, CancellationToken.None));
        var importPeak = Measure.PeakRssMiB();
        Console.WriteLine($"  inboxnet import: {summary} in {importTime.TotalSeconds:0.00} s, peak {importPeak:0} MiB");
        Directory.Delete(work, recursive: true);

        var baseRate = baseCount / baseTime.TotalSeconds;
        var rate = (summary.MessagesAdded + summary.Duplicates) / importTime.TotalSeconds;
        return $"ingest: {rate:0} msg/s vs bare parse {baseRate:0} msg/s = {rate / baseRate:0.00}x (goal >= 0.5x); peak RSS {importPeak:0} MiB (goal < 400)";
    }

    private static int BareParse(string path)
    {
        using var stream = File.OpenRead(path);
        var parser = new MimeParser(stream, MimeFormat.Mbox);
        var n = 0;
        while (!parser.IsEndOfStream)
        {
            var m = parser.ParseMessage();
            if (m.From.Count >= 0 && m.Date != default && m.MessageId is not null)
                n++;
        }
        return n;
    }

    private static int WriteCopies(string source, string target, int atLeast)
    {
        var text = File.ReadAllText(source, Encoding.Latin1);
        var perCopy = MessageStart().Count(text);
        var copies = Math.Max(1, (atLeast + perCopy - 1) / perCopy);
        using var writer = new StreamWriter(target, false, Encoding.Latin1);
        for (var c = 0; c < copies; c++)
            writer.Write(MessageIdHeader().Replace(text, m => m.Value + $"c{c}."));
        return copies;
    }

    [GeneratedRegex(@"^From ", RegexOptions.Multiline)]
    private static partial Regex MessageStart();

    [GeneratedRegex(@"^(Message-ID|In-Reply-To|References):\s*<", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();
}
