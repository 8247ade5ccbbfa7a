using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;

namespace InboxNetworking.Core.Metrics;

/// <summary>Computes the eight metrics for every month of an account's history.</summary>
public sealed class NetworkAnalyzer(MetricsOptions options, IRelationshipScorer scorer, TimeProvider time)
{
    /// <summary>Items dated before this are the bogus dates of broken clients (1970, 1979, ...): not history.</summary>
    public static readonly DateTimeOffset PlausibleFrom = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One report per month from the first month with data to the last (never past today).</summary>
    public IReadOnlyList<MonthlyReport> Analyze(Account account, ExtractedNetwork network) => Analyze(account, network, scorer);

    /// <summary>The same with a scorer chosen for this account (the ML depth model where it was shown to help).</summary>
    public IReadOnlyList<MonthlyReport> Analyze(Account account, ExtractedNetwork network, IRelationshipScorer depthScorer)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZoneId);
        var run = new AnalysisRun(account, network, new MonthCalendar(zone), options, depthScorer, time.GetUtcNow());
        return run.Run();
    }
}
