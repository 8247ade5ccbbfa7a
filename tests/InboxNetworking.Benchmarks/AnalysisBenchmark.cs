using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Scoring;

namespace InboxNetworking.Benchmarks;

/// <summary>Extraction and all monthly metrics over N synthetic messages, 20k contacts, 24 months, against
/// the baseline: one pass that counts messages per (contact, month), the least any analysis must do.</summary>
internal static class AnalysisBenchmark
{
    private const string Owner = "owner@corp.example";

    public static string Run(int messages)
    {
        var end = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var start = end.AddMonths(-24);
        Measure.ResetPeak();
        var mail = Generate(messages, 20_000, start, end);
        Console.WriteLine($"analysis: {mail.Count} messages generated, {Measure.PeakRssMiB():0} MiB");

        var (baseTime, cells) = Measure.Time(() => mail
            .GroupBy(m => (m.From!.Address == Owner ? m.To[0].Address : m.From.Address, m.Date.Year * 12 + m.Date.Month))
            .Count());
        Console.WriteLine($"  baseline contact x month count: {cells} cells in {baseTime.TotalSeconds:0.00} s");

        Measure.ResetPeak();
        var account = new Account(1, "bench", [Owner], "UTC");
        var (extractTime, network) = Measure.Time(() => new InteractionExtractor(new ExtractionOptions()).Extract(account, mail, []));
        var (metricsTime, reports) = Measure.Time(() =>
            new NetworkAnalyzer(new MetricsOptions(), new TransparentScorer(), new FixedTime(end)).Analyze(account, network));
        var peak = Measure.PeakRssMiB();
        var total = extractTime + metricsTime;
        Console.WriteLine($"  extraction {extractTime.TotalSeconds:0.0} s ({network.Interactions.Count} interactions), metrics {metricsTime.TotalSeconds:0.0} s ({reports.Count} months), peak {peak:0} MiB");
        return $"analysis: {mail.Count} messages, {network.Contacts.Count} contacts, {reports.Count} months in {total.TotalSeconds:0.0} s " +
            $"({total.TotalSeconds / baseTime.TotalSeconds:0.0}x the contact-month count baseline); peak RSS {peak:0} MiB (goals < 60 s, < 1024 MiB)";
    }

    private static List<MailItem> Generate(int count, int contacts, DateTimeOffset start, DateTimeOffset end)
    {
        var random = new Random(7);
        var span = (end - start).TotalSeconds;
        var list = new List<MailItem>(count);
        var lastByContact = new string?[contacts];
        var times = Enumerable.Range(0, count).Select(_ => random.NextDouble() * span).Order().ToArray();
        for (var i = 0; i < count; i++)
        {
            // Zipf-like popularity: a few heavy correspondents, a long tail.
            var c = (int)Math.Min(contacts - 1, Math.Floor(Math.Pow(random.NextDouble(), 3) * contacts));
            var contact = $"c{c}@org{c % 900}.example";
            var outbound = random.NextDouble() < 0.45;
            var extra = random.Next(3);
            var others = Enumerable.Range(0, extra).Select(_ => random.Next(contacts)).Select(o => new Participant($"c{o}@org{o % 900}.example")).ToList();
            var parent = random.NextDouble() < 0.5 ? lastByContact[c] : null;
            var id = $"m{i}@bench";
            list.Add(new MailItem
            {
                MessageKey = id,
                MessageId = id,
                Date = start.AddSeconds(times[i]),
                From = new Participant(outbound ? Owner : contact),
                To = [new Participant(outbound ? contact : Owner)],
                Cc = others,
                InReplyTo = parent,
                References = parent is null ? [] : [parent],
                InSentFolder = outbound,
            });
            lastByContact[c] = id;
        }
        return list;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
