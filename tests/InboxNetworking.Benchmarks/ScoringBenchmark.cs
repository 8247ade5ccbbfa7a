using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Scoring;
using InboxNetworking.Scoring.Evaluation;
using InboxNetworking.Scoring.Ties;

namespace InboxNetworking.Benchmarks;

/// <summary>The ML scoring of one N-message account (the analysis benchmark's synthetic mailbox): feature building,
/// the rolling-origin evaluation of the three labels and the training of what is used, against the baseline of the
/// same account's whole S0 analysis; then scoring 10k contacts (probability and reasons) against S0's percentile.</summary>
internal static class ScoringBenchmark
{
    private const string Owner = "owner@corp.example";
    private const int Scored = 10_000;

    public static string Run(int messages)
    {
        var end = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var account = new Account(1, "bench", [Owner], "UTC");
        var builder = new InteractionExtractor(new ExtractionOptions()).Start(account, [Owner]);
        foreach (var m in AnalysisBenchmark.Generate(messages, 20_000, end.AddMonths(-24), end))
            builder.Add(m);
        var network = builder.Build();
        var calendar = new MonthCalendar(TimeZoneInfo.Utc);

        var (s0Time, reports) = Measure.Time(() =>
            new NetworkAnalyzer(new MetricsOptions(), new TransparentScorer(), new AnalysisBenchmark.FixedTime(end)).Analyze(account, network));
        Console.WriteLine($"scoring: baseline S0 analysis of {messages} messages ({reports.Count} months): {s0Time.TotalSeconds:0.0} s");

        var (featureTime, featureRows) = Measure.Time(() => new FeatureBuilder(network, calendar).BuildAll());
        Console.WriteLine($"  of which feature building alone: {featureRows.Count} rows in {featureTime.TotalSeconds:0.0} s");

        Measure.ResetPeak();
        var options = new ScoringOptions();
        var (chooseTime, choice) = Measure.Time(() =>
            new TieScoring(new Evaluator(options), options, TimeProvider.System).Choose(network, calendar, new Dictionary<string, SavedModel>()));
        var peak = Measure.PeakRssMiB();
        var decisions = string.Join(", ", choice.Decisions.Select(d => $"{d.Label} {d.Used}"));
        Console.WriteLine($"  features, evaluation of 3 labels and training: {chooseTime.TotalSeconds:0.0} s ({decisions}), peak {peak:0} MiB");

        // Scoring: 10k feature rows (the latest cutoff's, repeated as needed) through a depth model trained on every row.
        var features = new FeatureBuilder(network, calendar);
        var rows = features.BuildAll();
        var model = TieModel.Train(rows, TieScoring.Depth, r => r.Depth, options);
        var last = rows.Max(x => x.Cutoff);
        var latest = rows.Where(r => r.Cutoff == last).Select(r => r.Features).ToList();
        var batch = Enumerable.Range(0, Scored).Select(i => latest[i % latest.Count]).ToList();
        var candidates = Enumerable.Range(0, Scored).Select(i => new ContactFeatures(i, i % 7, i % 5, i % 11)).ToList();
        var (s0ScoreTime, _) = Measure.Time(() => new TransparentScorer().Score(end, candidates));
        var (scoreTime, probabilities) = Measure.Time(() => (model.Probabilities(batch), model.Contributions(batch, 3)));
        Console.WriteLine($"  scoring {Scored} contacts: probabilities and reasons {scoreTime.TotalSeconds:0.00} s; S0 percentile {s0ScoreTime.TotalMilliseconds:0} ms");

        return $"scoring: {messages} messages, {rows.Count} (contact, month) rows: features, evaluation and training {chooseTime.TotalSeconds:0.0} s " +
            $"= {chooseTime.TotalSeconds / s0Time.TotalSeconds:0.0}x the S0 analysis (goal < 60 s); scoring {Scored} contacts {scoreTime.TotalSeconds:0.00} s " +
            $"(goal < 2 s; {probabilities.Item1.Length} scored); peak RSS {peak:0} MiB";
    }
}
