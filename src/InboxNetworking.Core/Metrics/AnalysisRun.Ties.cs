using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Scoring;
using static InboxNetworking.Core.Metrics.InteractionFacts;

namespace InboxNetworking.Core.Metrics;

internal sealed partial class AnalysisRun
{
    /// <summary>Scores this month's candidates (a meaningful interaction in the last 6 months) and
    /// assigns the tiers of METRICS.md 5.</summary>
    private TieSet ScoreTies(MonthWindow w)
    {
        var sixMonths = w.End.AddMonths(-6);
        var candidates = new List<Tie>();
        for (var c = 0; c < _byContact.Length; c++)
        {
            if (!Between(c, sixMonths, w.End).Any(IsDyadicMeaningful))
                continue;
            var (decayedOut, decayedIn) = DecayedSums(c, w.End);
            candidates.Add(new Tie(c) { IrOut = decayedOut, IrIn = decayedIn, S0 = TieMath.PowerMean(decayedOut, decayedIn) });
        }

        var scores = _scorer.Score(w.End, candidates.Select(t => new ContactFeatures(t.Contact, t.IrOut, t.IrIn, t.S0)).ToList());
        var note = scores.Note;
        for (var k = 0; k < candidates.Count; k++)
        {
            candidates[k].Score = scores.Depth[k];
            candidates[k].OwnerReplies = scores.OwnerReplies?[k];
            candidates[k].ContactReplies = scores.ContactReplies?[k];
            candidates[k].ScoreFactors = scores.DepthFactors?[k];
        }
        AssignTiers(w, candidates);

        var byContact = candidates.ToDictionary(t => t.Contact);
        var dormant = Dormant(w, byContact);
        foreach (var t in candidates)
        {
            t.PreviousScore = _previousScore.GetValueOrDefault(t.Contact, double.NaN);
            _previousScore[t.Contact] = t.Score;
            if (t.Tier is Tiers.Core or Tiers.Strong or Tiers.Active)
                _lastActiveOrBetterMonth[t.Contact] = w.Index;
        }
        return new TieSet(candidates, byContact, dormant, note);
    }

    /// <summary>Interaction Rank's two halves at <paramref name="end"/>: every message and meaningful meeting
    /// with the contact, each decayed by its age (METRICS.md 2).</summary>
    private (double Out, double In) DecayedSums(int c, DateTimeOffset end)
    {
        double decayedOut = 0, decayedIn = 0;
        foreach (var i in Between(c, DateTimeOffset.MinValue, end))
        {
            if (i.Channel == Extraction.Channel.Meeting && !i.Meaningful)
                continue;
            var decay = TieMath.Decay((end - i.Time).TotalDays, _options.InteractionRankHalfLifeDays);
            if (CountsOut(i))
                decayedOut += decay;
            if (CountsIn(i))
                decayedIn += decay;
        }
        return (decayedOut, decayedIn);
    }

    private void AssignTiers(MonthWindow w, List<Tie> candidates)
    {
        int core = 0, strong = 0, active = 0;
        foreach (var t in candidates.OrderByDescending(t => t.Score).ThenByDescending(t => t.S0).ThenBy(t => AddressOf(t.Contact), StringComparer.Ordinal))
        {
            if (core < _options.CoreMax && t.Score >= _options.CoreMinScore && TwoWay(t.Contact, w.End - Days30, w.End))
            {
                t.Tier = Tiers.Core;
                core++;
            }
            else if (strong < _options.StrongMax && t.Score >= _options.StrongMinScore)
            {
                t.Tier = Tiers.Strong;
                strong++;
            }
            else if (active < _options.ActiveMax && t.Score >= _options.ActiveMinScore)
            {
                t.Tier = Tiers.Active;
                active++;
            }
            else
            {
                t.Tier = Tiers.Weak;
            }
        }
    }

    /// <summary>Was active or better in the last 12 months, and no two-way exchange in 90 days.</summary>
    private HashSet<int> Dormant(MonthWindow w, Dictionary<int, Tie> current)
    {
        var dormant = new HashSet<int>();
        foreach (var (c, month) in _lastActiveOrBetterMonth)
        {
            if (w.Index - month > 12 || TwoWay(c, w.End - Days90, w.End))
                continue;
            if (current.TryGetValue(c, out var t))
            {
                if (t.Tier != Tiers.Weak)
                    continue;
                t.Tier = Tiers.Dormant;
            }
            dormant.Add(c);
        }
        return dormant;
    }

    /// <summary>Traffic both ways in [from, to).</summary>
    private bool TwoWay(int c, DateTimeOffset from, DateTimeOffset to)
    {
        bool o = false, n = false;
        foreach (var i in Between(c, from, to))
        {
            o |= CountsOut(i);
            n |= CountsIn(i);
            if (o && n)
                return true;
        }
        return false;
    }

    /// <summary>The month's scored candidates, and the dormant ties (some of which are not candidates).</summary>
    private sealed record TieSet(List<Tie> Candidates, Dictionary<int, Tie> ByContact, HashSet<int> Dormant, ScoringNote Note);

    /// <summary>One contact's standing at a month's end.</summary>
    private sealed class Tie(int contact)
    {
        public int Contact { get; } = contact;
        public double IrOut { get; init; }
        public double IrIn { get; init; }
        public double S0 { get; init; }
        public double Score { get; set; }
        public double? OwnerReplies { get; set; }
        public double? ContactReplies { get; set; }
        public IReadOnlyList<ScoreFactor>? ScoreFactors { get; set; }
        public double PreviousScore { get; set; } = double.NaN;
        public string Tier { get; set; } = Tiers.Weak;
    }
}

/// <summary>Tier names as they appear in reports.</summary>
public static class Tiers
{
    public const string Core = "core";
    public const string Strong = "strong";
    public const string Active = "active";
    public const string Weak = "weak";
    public const string Dormant = "dormant";
}
