using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Ports;
using InboxNetworking.Core.Reports;
using InboxNetworking.Scoring;
using InboxNetworking.Scoring.Evaluation;
using InboxNetworking.Scoring.Ties;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxNetworking.Worker.Application;

/// <summary>`inboxnet analyze`: store -> extraction -> metrics -> stored monthly reports.</summary>
internal sealed class AnalysisService(
    IInboxStore store, InteractionExtractor extractor, NetworkAnalyzer analyzer, TieScoring scoring, IOptions<ScoringOptions> scoringOptions,
    TimeProvider time, ILogger<AnalysisService> logger)
{
    public async Task<IReadOnlyList<MonthlyReport>> AnalyzeAsync(Account account, CancellationToken cancellationToken) =>
        (await AnalyzeWithSummaryAsync(account, cancellationToken)).Reports;

    /// <summary>Analyses and also says how many people the user's exclusions kept out.</summary>
    public async Task<(IReadOnlyList<MonthlyReport> Reports, int ExcludedByUser)> AnalyzeWithSummaryAsync(Account account, CancellationToken cancellationToken)
    {
        var readFrom = time.GetUtcNow();
        var network = await ExtractAsync(account, cancellationToken);
        // The model is weighed against Interaction Rank on this account's own history before it may score it.
        var kept = new Dictionary<string, SavedModel>();
        foreach (var label in TieScoring.LabelNames)
        {
            if (await store.LoadModelAsync(account.Id, label, cancellationToken) is { } decision)
                kept[label] = decision;
        }
        var others = scoringOptions.Value.PoolAccounts ? await OtherAccountsRowsAsync(account, cancellationToken) : null;
        var choice = scoring.Choose(network, new MonthCalendar(TimeZones.Require(account.TimeZoneId)), kept, others);
        foreach (var decision in choice.Decisions.Where(d => !ReferenceEquals(kept.GetValueOrDefault(d.Label), d)))
            await store.SaveModelAsync(account.Id, decision, cancellationToken);
        var depth = choice.Decisions.Single(d => d.Label == TieScoring.Depth);
        Log.DepthScoring(logger, account.Name, depth.Version is { } version ? $"the ML model {version}" : "S0",
            choice.Reused ? $"kept from {depth.CreatedAt:yyyy-MM-dd}" : "newly decided", depth.Reason);
        var reports = analyzer.Analyze(account, network, choice.Scorer);
        var contacts = network.Contacts.Select((a, i) => new Participant(a, network.ContactNames[i])).ToList();
        await store.SaveAnalysisAsync(account.Id, reports, contacts, readFrom, cancellationToken);
        Log.Analysed(logger, account.Name, reports.Count, contacts.Count, network.Interactions.Count);
        return (reports, network.ExcludedByUser);
    }

    /// <summary>After the person corrected the account (an exclusion, a merge): analyses again and says what changed.</summary>
    public async Task<(int Months, long ContactsBefore, long ContactsAfter, int ExcludedByUser)> AnalyzeAfterCorrectionAsync(Account account, CancellationToken cancellationToken)
    {
        var before = (await store.GetStatusAsync(account.Id, cancellationToken)).Contacts;
        var (reports, excluded) = await AnalyzeWithSummaryAsync(account, cancellationToken);
        return (reports.Count, before, (await store.GetStatusAsync(account.Id, cancellationToken)).Contacts, excluded);
    }

    /// <summary>The (contact, month) rows of the other accounts to pool, the earliest added first; none with data: null.</summary>
    private async Task<IReadOnlyList<IReadOnlyList<ContactMonth>>?> OtherAccountsRowsAsync(Account account, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<ContactMonth>>();
        foreach (var other in (await store.ListAccountsAsync(cancellationToken)).Where(a => a.Id != account.Id).OrderBy(a => a.Id).Take(scoringOptions.Value.MaxPooledAccounts))
        {
            var network = await ExtractAsync(other, cancellationToken);
            if (network.Interactions.Count > 0)
                rows.Add(new FeatureBuilder(network, new MonthCalendar(TimeZones.Require(other.TimeZoneId))).BuildAll());
        }
        return rows.Count > 0 ? rows : null;
    }

    /// <summary>The account's interactions, extracted from the store (messages streamed oldest first, never all in memory).</summary>
    public async Task<ExtractedNetwork> ExtractAsync(Account account, CancellationToken cancellationToken)
    {
        TimeZones.Require(account.TimeZoneId);
        var builder = extractor.Start(account, await store.ListSentFromAddressesAsync(account.Id, cancellationToken),
            await store.ListExclusionsAsync(account.Id, cancellationToken), await store.ListAliasesAsync(account.Id, cancellationToken));
        await foreach (var m in store.ReadMailAsync(account.Id, cancellationToken))
            builder.Add(m);
        var calendar = new List<CalendarItem>();
        await foreach (var e in store.ReadCalendarAsync(account.Id, cancellationToken))
            calendar.Add(e);
        builder.AddCalendar(calendar);
        return builder.Build();
    }
}
