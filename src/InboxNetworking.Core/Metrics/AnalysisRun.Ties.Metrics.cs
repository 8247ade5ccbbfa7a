using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Reports;
using static InboxNetworking.Core.Metrics.InteractionFacts;

namespace InboxNetworking.Core.Metrics;

internal sealed partial class AnalysisRun
{
    private static readonly int[] CohortHorizons = [30, 60, 90, 180];

    /// <summary>4. Conversion: how many contacts reached met-or-collaboration this month, the funnel, and cohorts.</summary>
    private ConversionMetric Conversion(MonthWindow w, List<(int Year, int Month)> months)
    {
        var yearAgo = w.End.AddMonths(-12);
        int seen = 0, engaged = 0, recurring = 0, met = 0, collaboration = 0, convertedNow = 0;
        for (var c = 0; c < _byContact.Length; c++)
        {
            var s = _stages[c];
            if (s.Converted is { } conv && w.Contains(conv))
                convertedNow++;
            if (!Between(c, yearAgo, w.End).Any())
                continue;
            // Each contact is counted at the furthest stage it reached by the month's end.
            if (Reached(s.Collaboration, w)) collaboration++;
            else if (Reached(s.Met, w)) met++;
            else if (Reached(s.Recurring, w)) recurring++;
            else if (Reached(s.Engaged, w)) engaged++;
            else seen++;
        }
        return new ConversionMetric
        {
            Value = convertedNow,
            Funnel = new Funnel(seen, engaged, recurring, met, collaboration),
            Cohorts = Cohorts(w, months),
            Outcomes = Outcomes(w, yearAgo),
        };
    }

    /// <summary>The user's outcome tags: tagged contacts seen in the last 12 months, and those converted.</summary>
    private List<OutcomeCount> Outcomes(MonthWindow w, DateTimeOffset yearAgo)
    {
        var counts = new SortedDictionary<string, (int Contacts, int Converted)>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < _byContact.Length; c++)
        {
            if (!_options.OutcomeTags.TryGetValue(AddressOf(c), out var tags) || !Between(c, yearAgo, w.End).Any())
                continue;
            var converted = Reached(_stages[c].Converted, w);
            foreach (var tag in tags)
            {
                var (n, k) = counts.GetValueOrDefault(tag);
                counts[tag] = (n + 1, k + (converted ? 1 : 0));
            }
        }
        return counts.Select(kv => new OutcomeCount(kv.Key, kv.Value.Contacts, kv.Value.Converted)).ToList();
    }

    private static bool Reached(DateTimeOffset? at, MonthWindow w) => at is { } t && t < w.End;

    /// <summary>The last six months' new contacts, converted by 30/60/90/180 days; censored horizons are null.</summary>
    private List<Cohort> Cohorts(MonthWindow w, List<(int Year, int Month)> months)
    {
        var cohorts = new List<Cohort>();
        for (var k = Math.Max(_options.BurnInMonths, w.Index - 5); k <= w.Index; k++)
        {
            var (y, m) = months[k];
            var start = _calendar.StartOf(y, m);
            var next = MonthCalendar.Next(y, m);
            var end = _calendar.StartOf(next.Year, next.Month);
            var members = Enumerable.Range(0, _byContact.Length).Where(c => _firstMeaningful[c] is { } f && f >= start && f < end).ToList();
            int? By(int days) => end.AddDays(days) > w.End
                ? null
                : members.Count(c => _stages[c].Converted is { } t && t - _firstMeaningful[c]!.Value <= TimeSpan.FromDays(days));
            var counts = CohortHorizons.Select(By).ToArray();
            cohorts.Add(new Cohort(MonthCalendar.Key(y, m), members.Count, counts[0], counts[1], counts[2], counts[3]));
        }
        return cohorts;
    }

    /// <summary>5. Depth: core and strong ties, and every tier's size.</summary>
    private static DepthMetric Depth(TieSet ties)
    {
        int Count(string tier) => ties.Candidates.Count(t => t.Tier == tier);
        var core = Count(Tiers.Core);
        var strong = Count(Tiers.Strong);
        return new DepthMetric
        {
            Value = core + strong,
            Core = core,
            Strong = strong,
            Active = Count(Tiers.Active),
            Weak = Count(Tiers.Weak),
            Dormant = ties.Dormant.Count,
        };
    }

    /// <summary>6. Reciprocity: the mean over contacts met meaningfully this month of each tie's balance.</summary>
    private ReciprocityMetric Reciprocity(MonthWindow w, TieSet ties)
    {
        var active = ties.Candidates.Where(t => Between(t.Contact, w.Start, w.End).Any(IsDyadicMeaningful)).ToList();
        var values = active.Select(t => ReciprocityOf(t.Contact, w).Score).OfType<double>().ToList();
        // Threads, not (message, contact) pairs: one thread the owner started with two people is one start.
        var ownerStarts = new HashSet<int>();
        var contactStarts = new HashSet<int>();
        int ownerEligible = 0, ownerAnswered = 0, contactEligible = 0, contactAnswered = 0;
        foreach (var t in active)
        {
            foreach (var i in Between(t.Contact, w.Start, w.End))
            {
                if (i.Initiation && i.Meaningful && i.Direction == Direction.Out) ownerStarts.Add(i.Thread);
                if (i.Initiation && i.Meaningful && i.Direction == Direction.In) contactStarts.Add(i.Thread);
                if (!IsReplyEligible(i)) continue;
                if (i.Direction == Direction.In) { ownerEligible++; if (AnsweredInAWeek(i)) ownerAnswered++; }
                else { contactEligible++; if (AnsweredInAWeek(i)) contactAnswered++; }
            }
        }
        return new ReciprocityMetric
        {
            Value = values.Count == 0 ? null : values.Average(),
            InitiationBalance = TieMath.Balance(ownerStarts.Count, contactStarts.Count),
            OwnerReplyRate = ownerEligible == 0 ? null : (double)ownerAnswered / ownerEligible,
            ContactReplyRate = contactEligible == 0 ? null : (double)contactAnswered / contactEligible,
            LopsidedContacts = values.Count(v => v < 0.3),
        };
    }

    private int IntroductionsBy(int c, bool owner, MonthWindow w) =>
        _introductions.TryGetValue(c, out var made) ? made.Count(x => x.ByOwner == owner && x.Time >= w.End.AddMonths(-6) && x.Time < w.End) : 0;

    /// <summary>The reciprocity parts of one tie over the 6 months before the month's end (METRICS.md 6), with the
    /// reply rates and median latencies behind them.</summary>
    private (double? Score, ReciprocityParts Parts, ReplyFigures Replies) ReciprocityOf(int c, MonthWindow w)
    {
        int io = 0, ic = 0, oo = 0, oc = 0, eo = 0, ec = 0, ao = 0, ac = 0, attachOut = 0, attachIn = 0;
        double sent = 0, received = 0;
        var latencyOwner = new List<double>();
        var latencyContact = new List<double>();
        foreach (var i in Between(c, w.End.AddMonths(-6), w.End))
        {
            if (i.Channel == Channel.Meeting)
            {
                if (i.Direction == Direction.Out) oo++;
                if (i.ContactOrganised) oc++;
                continue;
            }
            var outbound = i.Direction == Direction.Out;
            if (i.Initiation && i.Meaningful) { if (outbound) io++; else ic++; }
            if (outbound) sent += i.Weight; else received += i.Weight;
            if (i.Attachment) { if (outbound) attachOut++; else attachIn++; }
            if (i.IsReply && i.Latency is { } l) (outbound ? latencyOwner : latencyContact).Add(l.TotalHours);
            if (!IsReplyEligible(i)) continue;
            // Outbound messages measure the contact's replies, inbound ones the owner's.
            if (outbound) { ec++; if (AnsweredInAWeek(i)) ac++; }
            else { eo++; if (AnsweredInAWeek(i)) ao++; }
        }
        var replies = new ReplyFigures(
            OwnerRate: eo == 0 ? null : (double)ao / eo,
            ContactRate: ec == 0 ? null : (double)ac / ec,
            OwnerMedianHours: TieMath.Median(latencyOwner),
            ContactMedianHours: TieMath.Median(latencyContact));
        var balance = TieMath.Balance(io, ic);
        var parts = new ReciprocityParts(
            Initiation: balance is { } b ? 1 - Math.Abs(b) : null,
            Replies: TieMath.MinOverMax(replies.OwnerRate, replies.ContactRate),
            LatencySymmetry: TieMath.LatencySymmetry(replies.OwnerMedianHours, replies.ContactMedianHours),
            Organizing: TieMath.Balance(oo, oc) is { } ob ? 1 - Math.Abs(ob) : null,
            Volume: sent + received > 0 ? TieMath.VolumeBalance(sent, received) : null,
            Services: TieMath.Balance(attachOut + IntroductionsBy(c, owner: true, w), attachIn + IntroductionsBy(c, owner: false, w)) is { } sb ? 1 - Math.Abs(sb) : null,
            InitiationBalance: balance,
            InitiatedByOwner: io,
            InitiatedByContact: ic);
        var score = TieMath.MeanOfPresent(parts.Initiation, parts.Replies, parts.LatencySymmetry, parts.Organizing, parts.Volume, parts.Services);
        return (score, parts, replies);
    }

    /// <summary>How each side answers the other: rates within 7 days, median latencies in hours.</summary>
    private sealed record ReplyFigures(double? OwnerRate, double? ContactRate, double? OwnerMedianHours, double? ContactMedianHours);
}
