using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Scoring;
using InboxNetworking.Scoring.Evaluation;

namespace InboxNetworking.Worker.Application;

/// <summary>`inboxnet evaluate`: every (contact, month) row of the accounts given, pooled, through the rolling-origin evaluation.</summary>
internal sealed class EvaluationService(AnalysisService analysis, Evaluator evaluator)
{
    public async Task<EvaluationReport> EvaluateAsync(IReadOnlyList<Account> accounts, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<ContactMonth>>();
        foreach (var account in accounts)
        {
            var network = await analysis.ExtractAsync(account, cancellationToken);
            rows.Add(new FeatureBuilder(network, new MonthCalendar(TimeZones.Require(account.TimeZoneId))).BuildAll());
        }
        cancellationToken.ThrowIfCancellationRequested();
        return evaluator.Evaluate(rows);
    }
}
