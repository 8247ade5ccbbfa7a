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
        // Messages are generated lazily, as the store streams them: neither side holds the mailbox.
        Measure.ResetPeak();
        var (baseTime, cells) = Measure.Time(() =>
        {
            var counts = new Dictionary<(string, int), int>();
            foreach (var m in Generate(messages, 20_000, start, end))
            {
                var key = (m.From!.Address == Owner ? m.To[0].Address : m.From.Address, m.Date.Year * 12 + m.Date.Month);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
            return counts.Count;
        });
        Console.WriteLine($"analysis: baseline contact x month count over {messages} messages: {cells} cells in {baseTime.TotalSeconds:0.00} s, peak {Measure.PeakRssMiB():0} MiB");

        Measure.ResetPeak();
        var account = new Account(1, "bench", [Owner], "UTC");
        var (extractTime, network) = Measure.Time(() =>
        {
            var builder = new InteractionExtractor(new ExtractionOptions()).Start(account, [Owner]);
            foreach (var m in Generate(messages, 20_000, start, end))
                builder.Add(m);
            return builder.Build();
        });
        var (metricsTime, reports) = Measure.Time(() =>
            new NetworkAnalyzer(new MetricsOptions(), new TransparentScorer(), new FixedTime(end)).Analyze(account, network));
        var peak = Measure.PeakRssMiB();
        var total = extractTime + metricsTime;
        Console.WriteLine($"  extraction {extractTime.TotalSeconds:0.0} s ({network.Interactions.Count} interactions), metrics {metricsTime.TotalSeconds:0.0} s ({reports.Count} months), peak {peak:0} MiB");
        return $"analysis: {messages} messages, {network.Contacts.Count} contacts, {reports.Count} months in {total.TotalSeconds:0.0} s " +
            $"({total.TotalSeconds / baseTime.TotalSeconds:0.0}x the contact-month count baseline); peak RSS {peak:0} MiB (goals < 60 s, < 1024 MiB)";
    }

    internal static IEnumerable<MailItem> Generate(int count, int contacts, DateTimeOffset start, DateTimeOffset end)
    {
        var random = new Random(7);
        var span = (end - start).TotalSeconds;
        var lastByContact = new string?[contacts];
        var times = Enumerable.Range(0, count).Select(_ => random.NextDouble() * span).Order().ToArray();
        for (var i = 0; i < count; i++)
        {
            // Zipf-like popularity: a few heavy correspondents, a long tail.
            var c = (int)Math.Min(contacts - 1, Math.Floor(Math.Pow(random.NextDouble(), 3) * contacts));
            var contact = $"c{c}@org{c % 900}.example";
            var outbound = random.NextDouble() < 0.45;
            var others = Enumerable.Range(0, random.Next(3)).Select(_ => random.Next(contacts)).Select(o => new Participant($"c{o}@org{o % 900}.example")).ToList();
            var parent = random.NextDouble() < 0.5 ? lastByContact[c] : null;
            var id = $"m{i}@bench";
            lastByContact[c] = id;
            yield return new MailItem
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
            };
        }
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
