using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Reports;
using static InboxNetworking.Core.Metrics.InteractionFacts;

namespace InboxNetworking.Core.Metrics;

internal sealed partial class AnalysisRun
{
    /// <summary>7. Reputation and influence: who reaches out, who invites, how people answer.</summary>
    private InfluenceMetric Influence(MonthWindow w, TieSet ties)
    {
        var initiators = new HashSet<int>();
        int eligible = 0, answered = 0;
        var latencies = new List<double>();
        for (var c = 0; c < _byContact.Length; c++)
        {
            foreach (var i in Between(c, w.Start, w.End))
            {
                if (i.Meaningful && ((i.Channel == Channel.Email && i.Direction == Direction.In && i.Initiation) || i.ContactOrganised))
                    initiators.Add(c);
                if (i.Direction == Direction.Out && IsReplyEligible(i))
                {
                    eligible++;
                    if (AnsweredInAWeek(i)) answered++;
                }
                if (i.Direction == Direction.In && i.IsReply && i.Latency is { } l)
                    latencies.Add(l.TotalHours);
            }
        }
        var invitations = _net.Invitations.Where(i => w.Contains(i.Time)).ToList();
        var owned = _net.OwnerMeetings.Where(m => w.Contains(m.Time) && m.OwnerOrganised).ToList();
        var invited = owned.Sum(m => m.Invited);
        var ego = BuildEgo(w, ties);
        var degrees = initiators.Where(ego.Index.ContainsKey).Select(c => (double)ego.Network.Degree(ego.Index[c])).ToList();
        return new InfluenceMetric
        {
            Value = initiators.Count,
            DistinctInitiators = initiators.Count,
            OrganizersInviting = invitations.Select(i => i.Organizer).Distinct(StringComparer.Ordinal).Count(),
            RequiredShare = invitations.Count == 0 ? null : (double)invitations.Count(i => !i.Optional) / invitations.Count,
            ContactReplyRate = eligible == 0 ? null : (double)answered / eligible,
            ContactMedianReplyHours = TieMath.Median(latencies) is { } h ? Math.Round(h, 2) : null,
            OwnerMeetingAcceptance = invited == 0 ? null : (double)owned.Sum(m => m.Accepted) / invited,
            InitiatorsMeanDegree = degrees.Count == 0 ? null : degrees.Average(),
        };
    }

    /// <summary>8. Access to information: brokerage (Burt) and diversity of the last 6 months.</summary>
    private AccessMetric Access(MonthWindow w, TieSet ties)
    {
        var ego = BuildEgo(w, ties);
        var from = w.End.AddMonths(-6);
        var attention = new Dictionary<int, double>();
        var orgs = new Dictionary<string, double>(StringComparer.Ordinal);
        var twoWayOrgs = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < _byContact.Length; c++)
        {
            var volume = Between(c, from, w.End).Sum(i => i.Weight);
            if (volume <= 0)
                continue;
            attention[c] = volume;
            if (_net.ContactInternal[c] || Organizations.OrganizationOf(AddressOf(c)) is not { } org)
                continue;
            orgs[org] = orgs.GetValueOrDefault(org) + volume;
            if (TwoWay(c, from, w.End))
                twoWayOrgs.Add(org);
        }
        var communities = _net.ListActivity.Where(l => l.Time >= from && l.Time < w.End).GroupBy(l => l.ListId, StringComparer.OrdinalIgnoreCase).Select(g => (double)g.Count())
            .Concat(_net.OwnerMeetings.Where(m => m.Time >= from && m.Time < w.End && m.IsGroupSeries).GroupBy(m => m.Series).Select(g => (double)g.Count()))
            .Concat(_groups.ActiveIn(from, w.End).Select(n => (double)n));

        // Bridging ties: reciprocal, and either barely overlapping the rest of the network or outside its largest cluster.
        var largest = ego.Clusters.Length == 0 ? -1 : ego.Clusters.GroupBy(l => l).MaxBy(g => g.Count())!.Key;
        var bridges = new List<double>();
        foreach (var (c, j) in ego.Index)
        {
            if ((ego.Network.Overlap(j) <= 0.05 || ego.Clusters[j] != largest) && TwoWay(c, from, w.End))
                bridges.Add(ties.ByContact[c].Score);
        }
        var n = ego.Network.Size;
        double? effectiveSize = n == 0 ? null : Math.Round(ego.Network.EffectiveSize(), 3);
        return new AccessMetric
        {
            Value = effectiveSize,
            Alters = n,
            Clusters = ego.Clusters.Distinct().Count(),
            Constraint = n == 0 ? null : Math.Round(ego.Network.Constraint(), 4),
            EffectiveSize = effectiveSize,
            Efficiency = n == 0 ? null : Math.Round(effectiveSize!.Value / n, 4),
            ContactEntropy = TieMath.NormalizedEntropy(attention.Values),
            OrganizationEntropy = TieMath.NormalizedEntropy(orgs.Values),
            CommunityEntropy = TieMath.NormalizedEntropy(communities),
            ExternalOrganizationsTwoWay = twoWayOrgs.Count,
            BridgingTies = bridges.Count,
            BridgingStrength = bridges.Count == 0 ? null : bridges.Average(),
        };
    }

    /// <summary>The observed ego network: alters above weak (at most 150), owner ties = attention over 6
    /// months, alter-alter ties = sum over shared messages and meetings of at most 25 people of 1/(n-1).</summary>
    private Ego BuildEgo(MonthWindow w, TieSet ties)
    {
        if (_egoCache is { } cached && cached.Month == w.Key)
            return cached.Ego;
        var from = w.End.AddMonths(-6);
        var alters = ties.Candidates.Where(t => t.Tier is Tiers.Core or Tiers.Strong or Tiers.Active)
            .OrderByDescending(t => t.Score).Take(_options.MaxAlters).Select(t => t.Contact).ToList();
        var index = alters.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => x.k);
        var egoTies = alters.Select(c => Between(c, from, w.End).Sum(i => i.Weight)).ToArray();
        var alterTies = new double[alters.Count, alters.Count];
        foreach (var e in _net.Events)
        {
            if (e.Time < from || e.Time >= w.End || e.People > 25 || e.People < 2)
                continue;
            var present = e.Contacts.Where(index.ContainsKey).Select(c => index[c]).ToArray();
            for (var a = 0; a < present.Length; a++)
            {
                for (var b = a + 1; b < present.Length; b++)
                {
                    alterTies[present[a], present[b]] += 1.0 / (e.People - 1);
                    alterTies[present[b], present[a]] += 1.0 / (e.People - 1);
                }
            }
        }
        var ego = new Ego(new EgoNetwork(egoTies, alterTies), index, LabelPropagation.Cluster(alterTies));
        _egoCache = (w.Key, ego);
        return ego;
    }

    private (string Month, Ego Ego)? _egoCache;

    /// <summary>The ego network and where each contact sits in it.</summary>
    private sealed record Ego(EgoNetwork Network, Dictionary<int, int> Index, int[] Clusters);

    /// <summary>Contacts as of the month's end: this month's candidates and the dormant ties.</summary>
    private List<ContactRow> ContactRows(MonthWindow w, TieSet ties)
    {
        var rows = new List<ContactRow>();
        foreach (var c in ties.ByContact.Keys.Union(ties.Dormant))
        {
            var history = Between(c, DateTimeOffset.MinValue, w.End).ToList();
            if (history.Count == 0)
                continue;
            var tie = ties.ByContact.GetValueOrDefault(c);
            var month = Between(c, w.Start, w.End).ToList();
            var (reciprocity, parts, replies) = ReciprocityOf(c, w);
            // Not a candidate this month (no small exchange in six months): its rank is still its real decayed sums.
            var (irOut, irIn) = tie is null ? DecayedSums(c, w.End) : (tie.IrOut, tie.IrIn);
            rows.Add(new ContactRow
            {
                Address = AddressOf(c),
                Name = NameOf(c),
                Tier = tie?.Tier ?? Tiers.Dormant,
                Depth = Math.Round(tie?.Score ?? 0, 4),
                S0 = Math.Round(tie?.S0 ?? TieMath.PowerMean(irOut, irIn), 4),
                DepthProbability = tie is not null && ties.Note.ModelVersion is not null ? Math.Round(tie.Score, 4) : null,
                ScoreFactors = tie?.ScoreFactors,
                Reciprocity = reciprocity is { } r ? Math.Round(r, 4) : null,
                ReciprocityParts = parts,
                OwnerReplyProbability = Round(tie?.OwnerReplies, 4),
                ContactReplyProbability = Round(tie?.ContactReplies, 4),
                ReciprocityModel = tie is { OwnerReplies: { } po, ContactReplies: { } pc } ? Math.Round(Math.Sqrt(po * pc), 4) : null,
                ReplyAsymmetry = tie is { OwnerReplies: { } ao, ContactReplies: { } ac } ? Math.Round(ao - ac, 4) : null,
                Interactions = month.Count(IsDyadicMeaningful),
                FirstSeen = history[0].Time,
                LastSeen = history[^1].Time,
                InteractionRankOut = Math.Round(irOut, 3),
                InteractionRankIn = Math.Round(irIn, 3),
                InteractionRank = Math.Round(TieMath.InteractionRank(irOut, irIn), 3),
                OwnerReplyRate = Round(replies.OwnerRate, 4),
                ContactReplyRate = Round(replies.ContactRate, 4),
                OwnerMedianReplyHours = Round(replies.OwnerMedianHours, 2),
                ContactMedianReplyHours = Round(replies.ContactMedianHours, 2),
                MessagesOut28 = MeaningfulEmails(c, w.End - Days28, w.End, Direction.Out),
                MessagesIn28 = MeaningfulEmails(c, w.End - Days28, w.End, Direction.In),
                MessagesOut90 = MeaningfulEmails(c, w.End - Days90, w.End, Direction.Out),
                MessagesIn90 = MeaningfulEmails(c, w.End - Days90, w.End, Direction.In),
                Meetings90 = Between(c, w.End - Days90, w.End).Count(i => i.Channel == Channel.Meeting && i.Meaningful),
                PreviousDepth = tie is { PreviousScore: var p } && !double.IsNaN(p) ? Math.Round(p, 4) : null,
                WeightedOut = Math.Round(month.Where(i => i.Channel == Channel.Email && i.Direction == Direction.Out).Sum(i => i.Weight), 3),
                WeightedIn = Math.Round(month.Where(i => i.Channel == Channel.Email && i.Direction == Direction.In).Sum(i => i.Weight), 3),
                ActiveDays = month.Select(i => _calendar.DayOf(i.Time)).Distinct().Count(),
                Meetings = month.Count(i => i.Channel == Channel.Meeting),
                AttentionHours = Math.Round(month.Sum(i => i.AttentionHours), 2),
            });
        }
        return rows.OrderBy(r => TierOrder(r.Tier)).ThenByDescending(r => r.Depth).ThenBy(r => r.Address, StringComparer.Ordinal)
            .Take(_options.MaxContactsListed).ToList();
    }

    private int MeaningfulEmails(int c, DateTimeOffset from, DateTimeOffset to, Direction direction) =>
        Between(c, from, to).Count(i => i.Channel == Channel.Email && i.Meaningful && i.Direction == direction);

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static int TierOrder(string tier) => tier switch
    {
        Tiers.Core => 0,
        Tiers.Strong => 1,
        Tiers.Active => 2,
        Tiers.Weak => 3,
        _ => 4,
    };

    /// <summary>Core and strong ties quiet for G = days since the last two-way exchange / median gap.</summary>
    private List<GoingColdRow> GoingCold(MonthWindow w, TieSet ties)
    {
        var rows = new List<GoingColdRow>();
        foreach (var t in ties.Candidates.Where(t => t.Tier is Tiers.Core or Tiers.Strong))
        {
            var history = Between(t.Contact, DateTimeOffset.MinValue, w.End).ToList();
            var lastOut = history.LastOrDefault(CountsOut)?.Time;
            var lastIn = history.LastOrDefault(CountsIn)?.Time;
            if (lastOut is null || lastIn is null)
                continue;
            var lastTwoWay = lastOut < lastIn ? lastOut.Value : lastIn.Value;
            var quiet = (w.End - lastTwoWay).TotalDays;
            // The tie's rhythm: days between the days with contact (in the account's zone), so that two
            // messages in one afternoon are one day, not a gap of minutes.
            var days = ContactDays(t.Contact, w.End.AddMonths(-6), w.End);
            var gaps = days.Zip(days.Skip(1), (a, b) => (double)(b.DayNumber - a.DayNumber)).ToList();
            var median = TieMath.Median(gaps);
            // A floor on the rhythm: a few quiet days with a daily collaborator are a weekend, not a lapse.
            double? g = median is { } m ? quiet / Math.Max(m, _options.GoingColdMinGapDays) : null;
            var drop = !double.IsNaN(t.PreviousScore) && t.PreviousScore - t.Score >= 0.2;
            var level = g >= _options.GoingColdLapsed ? "likely lapsed" : g >= _options.GoingColdWarn ? "going cold" : drop ? "score dropped" : null;
            if (level is not null)
                rows.Add(new GoingColdRow(AddressOf(t.Contact), NameOf(t.Contact), t.Tier, Math.Round(quiet, 1), median, g is { } gv ? Math.Round(gv, 2) : null, level));
        }
        return rows.OrderByDescending(r => r.G ?? 0).ToList();
    }

    /// <summary>The distinct local days with any email or meaningful meeting with the contact, in order.</summary>
    private List<DateOnly> ContactDays(int c, DateTimeOffset from, DateTimeOffset to) =>
        Between(c, from, to).Where(i => i.Channel == Channel.Email || i.Meaningful).Select(i => _calendar.DayOf(i.Time)).Distinct().Order().ToList();

    /// <summary>Replies owed at the month's end: conversations whose latest message is from a core or strong
    /// contact, meaningful (at most 5 people), with the owner in To, sent in the last 30 days and at least
    /// 2 days before the month's end. Any message of the thread counts as its latest, whoever sent it.</summary>
    private List<OwedReply> OwedReplies(MonthWindow w, TieSet ties)
    {
        var latest = new Dictionary<int, Interaction>();
        foreach (var list in _byContact)
        {
            for (var k = LowerBound(list, w.End - Days30); k < list.Count && list[k].Time < w.End; k++)
            {
                var i = list[k];
                if (i.Channel != Channel.Email)
                    continue;
                // The same message has a row per contact: the sender's own row (In) wins a tie in time.
                if (!latest.TryGetValue(i.Thread, out var seen) || i.Time > seen.Time || (i.Time == seen.Time && i.Direction == Direction.In && seen.Direction != Direction.In))
                    latest[i.Thread] = i;
            }
        }
        var rows = new List<OwedReply>();
        foreach (var i in latest.Values)
        {
            if (i.Direction != Direction.In || !IsReplyEligible(i) || i.Time > w.End - OwedAfter)
                continue;
            if (ties.ByContact.GetValueOrDefault(i.Contact) is not { Tier: Tiers.Core or Tiers.Strong })
                continue;
            rows.Add(new OwedReply(AddressOf(i.Contact), NameOf(i.Contact), i.Time, Math.Round((w.End - i.Time).TotalDays, 1)));
        }
        return rows.OrderByDescending(r => r.DaysWaiting).ThenBy(r => r.Address, StringComparer.Ordinal).ToList();
    }

    /// <summary>A message younger than this at the month's end is not owed yet.</summary>
    private static readonly TimeSpan OwedAfter = TimeSpan.FromDays(2);
}
