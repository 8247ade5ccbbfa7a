using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;
using static InboxNetworking.Core.Metrics.InteractionFacts;

namespace InboxNetworking.Core.Metrics;

/// <summary>One analysis of one account: per-contact timelines built once, then month after month.
/// The metric sections live in the partial files named after them.</summary>
internal sealed partial class AnalysisRun
{
    private static readonly TimeSpan Days14 = TimeSpan.FromDays(14);
    private static readonly TimeSpan Days28 = TimeSpan.FromDays(28);
    private static readonly TimeSpan Days30 = TimeSpan.FromDays(30);
    private static readonly TimeSpan Days60 = TimeSpan.FromDays(60);
    private static readonly TimeSpan Days90 = TimeSpan.FromDays(90);

    private readonly Account _account;
    private readonly ExtractedNetwork _net;
    private readonly MonthCalendar _calendar;
    private readonly MetricsOptions _options;
    private readonly IRelationshipScorer _scorer;
    private readonly DateTimeOffset _now;
    private readonly List<Interaction>[] _byContact;
    private readonly DateTimeOffset?[] _firstMeaningful;
    private readonly int?[] _firstMeaningfulInteraction;
    private readonly Stages[] _stages;
    private readonly Dictionary<int, double> _previousScore = [];
    private readonly Dictionary<int, int> _lastActiveOrBetterMonth = [];
    private readonly RecurringGroups _groups;
    private readonly Dictionary<int, List<(DateTimeOffset Time, bool ByOwner)>> _introductions;

    public AnalysisRun(Account account, ExtractedNetwork net, MonthCalendar calendar, MetricsOptions options, IRelationshipScorer scorer, DateTimeOffset now)
    {
        _account = account;
        _net = net;
        _calendar = calendar;
        _options = options;
        _scorer = scorer;
        _now = now;
        _byContact = Enumerable.Range(0, net.Contacts.Count).Select(_ => new List<Interaction>()).ToArray();
        foreach (var i in net.Interactions)
        {
            if (IsPlausible(i.Time))
                _byContact[i.Contact].Add(i);
        }
        _firstMeaningful = new DateTimeOffset?[net.Contacts.Count];
        _firstMeaningfulInteraction = new int?[net.Contacts.Count];
        for (var c = 0; c < _byContact.Length; c++)
        {
            var list = _byContact[c];
            var first = list.FindIndex(IsDyadicMeaningful);
            if (first >= 0)
            {
                _firstMeaningful[c] = list[first].Time;
                _firstMeaningfulInteraction[c] = first;
            }
        }
        _stages = Enumerable.Range(0, _byContact.Length).Select(c => Stages.Of(_byContact[c])).ToArray();
        _groups = new RecurringGroups(net.Events.Where(e => IsPlausible(e.Time)), maxPeople: 25);
        _introductions = Introductions().GroupBy(x => x.Contact).ToDictionary(g => g.Key, g => g.Select(x => (x.Time, x.ByOwner)).ToList());
    }

    private bool IsPlausible(DateTimeOffset t) => t >= NetworkAnalyzer.PlausibleFrom && t <= _now.AddDays(1);

    public IReadOnlyList<MonthlyReport> Run()
    {
        var months = MonthsWithData();
        var reports = new List<MonthlyReport>(months.Count);
        for (var index = 0; index < months.Count; index++)
            reports.Add(BuildMonth(months, index));
        return WithTrends(reports);
    }

    private List<(int Year, int Month)> MonthsWithData()
    {
        var instants = _net.AllMessages.Select(m => m.Date).Concat(_net.AllEventStarts).Where(IsPlausible).ToList();
        if (instants.Count == 0)
            return [];
        var first = _calendar.MonthOf(instants.Min());
        var last = _calendar.MonthOf(instants.Max());
        var months = new List<(int, int)>();
        for (var m = first; (m.Year, m.Month).CompareTo((last.Year, last.Month)) <= 0; m = MonthCalendar.Next(m.Year, m.Month))
            months.Add(m);
        return months;
    }

    private MonthlyReport BuildMonth(List<(int Year, int Month)> months, int index)
    {
        var (y, m) = months[index];
        var start = _calendar.StartOf(y, m);
        var next = MonthCalendar.Next(y, m);
        var end = _calendar.StartOf(next.Year, next.Month);
        var window = new MonthWindow(MonthCalendar.Key(y, m), index, start, end);

        var ties = ScoreTies(window);
        var contacts = ContactRows(window, ties);
        var goingCold = GoingCold(window, ties);
        var owed = OwedReplies(window, ties);
        return new MonthlyReport
        {
            Account = _account.Name,
            Month = window.Key,
            TimeZone = _account.TimeZoneId,
            Totals = Totals(window),
            NewContacts = NewContacts(window),
            Frequency = Frequency(window),
            Engagement = Engagement(window),
            Conversion = Conversion(window, months),
            Depth = Depth(ties),
            Reciprocity = Reciprocity(window, ties),
            Influence = Influence(window, ties),
            Access = Access(window, ties),
            Contacts = contacts,
            GoingCold = goingCold,
            OwedReplies = owed,
            Actions = Actions(window, contacts, goingCold, owed),
            Scoring = ties.Note,
        };
    }

    /// <summary>What to do, in this order: replies owed (oldest first, the rest counted in one action), close ties
    /// going cold (coldest first), new contacts who answered but were not met or followed up (newest first),
    /// close ties where you start nearly every conversation (most lopsided first).</summary>
    private List<ActionItem> Actions(MonthWindow w, List<ContactRow> contacts, List<GoingColdRow> goingCold, List<OwedReply> owed)
    {
        var actions = owed.OrderByDescending(o => o.DaysWaiting).Take(_options.ActionRepliesListed)
            .Select(o => new ActionItem("reply", o.Address, o.Name, Days: o.DaysWaiting)).ToList();
        if (owed.Count > _options.ActionRepliesListed)
            actions.Add(new ActionItem("replies", Count: owed.Count - _options.ActionRepliesListed));
        actions.AddRange(goingCold.Where(g => g.Level != "score dropped").Take(_options.ActionReconnectListed)
            .Select(g => new ActionItem("reconnect", g.Address, g.Name, Days: g.DaysSinceTwoWay)));
        actions.AddRange(FollowUps(w).Take(_options.ActionFollowUpListed));
        actions.AddRange(contacts
            .Where(c => c.Tier is Tiers.Core or Tiers.Strong && c.ReciprocityParts is { } p
                && p.InitiatedByOwner + p.InitiatedByContact >= _options.ActionLetThemLeadMinConversations
                && p.InitiationBalance >= _options.ActionLetThemLeadBalance)
            .OrderByDescending(c => c.ReciprocityParts!.InitiationBalance).ThenBy(c => c.Address, StringComparer.Ordinal)
            .Select(c => new ActionItem("let-them-lead", c.Address, c.Name, Started: c.ReciprocityParts!.InitiatedByOwner,
                Conversations: c.ReciprocityParts.InitiatedByOwner + c.ReciprocityParts.InitiatedByContact)));
        actions.AddRange(QuietCommunities(w).Take(_options.ActionQuietCommunitiesListed));
        // The owed replies come first and take at most ActionRepliesListed + 1 places: every one is covered.
        return actions.Take(_options.ActionsMax).ToList();
    }

    /// <summary>Mailing lists the owner posted to at least ActionQuietCommunityMinPosts times in the 90 days before the
    /// month and not in it (the most posted first): a community gone quiet on the owner's side.</summary>
    private IEnumerable<ActionItem> QuietCommunities(MonthWindow w) =>
        _net.ListActivity.Where(l => l.Posted && l.Time >= w.Start - Days90 && l.Time < w.End)
            .GroupBy(l => l.ListId, StringComparer.OrdinalIgnoreCase)
            .Where(g => !g.Any(l => w.Contains(l.Time)) && g.Count() >= _options.ActionQuietCommunityMinPosts)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ActionItem("quiet-community", Name: g.Key, Count: g.Count(), Days: Math.Round((w.End - g.Max(l => l.Time)).TotalDays, 1)));

    /// <summary>Contacts first met in the last 60 days who exchanged both ways, were not met (nor collaborated
    /// with) by the month's end, and heard nothing from the owner in the last 14 days.</summary>
    private IEnumerable<ActionItem> FollowUps(MonthWindow w)
    {
        var rows = new List<(DateTimeOffset First, ActionItem Action)>();
        for (var c = 0; c < _byContact.Length; c++)
        {
            if (_firstMeaningful[c] is not { } first || first < w.End - Days60 || first >= w.End)
                continue;
            if (_stages[c].Engaged is not { } engaged || engaged >= w.End || _stages[c].Converted is { } converted && converted < w.End)
                continue;
            var lastOut = Between(c, first, w.End).LastOrDefault(i => i.Direction == Direction.Out)?.Time;
            if (lastOut is not { } sent || w.End - sent < Days14)
                continue;
            rows.Add((first, new ActionItem("follow-up", AddressOf(c), NameOf(c), Days: Math.Round((w.End - sent).TotalDays, 1))));
        }
        return rows.OrderByDescending(r => r.First).Select(r => r.Action);
    }

    private Totals Totals(MonthWindow w)
    {
        var inMonth = _net.AllMessages.Where(x => w.Contains(x.Date)).ToList();
        var sent = inMonth.Count(x => x.Sent);
        var contacts = Enumerable.Range(0, _byContact.Length).Count(c => Between(c, w.Start, w.End).Any(IsDyadicMeaningful));
        return new Totals(inMonth.Count, sent, inMonth.Count - sent, _net.AllEventStarts.Count(w.Contains), contacts);
    }

    /// <summary>The contact's interactions in [from, to), found by binary search on the time-sorted list.</summary>
    private IEnumerable<Interaction> Between(int contact, DateTimeOffset from, DateTimeOffset to)
    {
        var list = _byContact[contact];
        for (var k = LowerBound(list, from); k < list.Count && list[k].Time < to; k++)
            yield return list[k];
    }

    private string? NameOf(int c) => _net.ContactNames[c];

    private string AddressOf(int c) => _net.Contacts[c];

    private List<MonthlyReport> WithTrends(List<MonthlyReport> reports) =>
        reports.Select((r, i) => TrendBuilder.Attach(r, reports, i, _options.TrendMonths)).ToList();

    /// <summary>A month's bounds as UTC instants.</summary>
    private sealed record MonthWindow(string Key, int Index, DateTimeOffset Start, DateTimeOffset End)
    {
        public bool Contains(DateTimeOffset t) => t >= Start && t < End;
    }
}
