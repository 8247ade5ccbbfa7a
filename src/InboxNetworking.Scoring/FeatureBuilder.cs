using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Metrics;
using static InboxNetworking.Core.Metrics.InteractionFacts;

namespace InboxNetworking.Scoring;

/// <summary>
/// Builds the (contact, cutoff month) rows of METRICS.md "ML.NET scoring": features strictly from data
/// before the cutoff, labels from the three months after it. Nothing a feature reads may look past the
/// cutoff: an answer counts only when it came before it, so a reply rate is taken over messages at least
/// 7 days older than the cutoff (a younger one's answer could still come).
/// </summary>
public sealed class FeatureBuilder
{
    private const int LabelMonths = 3;
    private const int CandidateMonths = 6;
    private static readonly TimeSpan ReplyWindow = TimeSpan.FromDays(7);

    private readonly ExtractedNetwork _net;
    private readonly MonthCalendar _calendar;
    private readonly List<Interaction>[] _byContact;
    private readonly List<int>[] _eventsByContact;
    private readonly DateTimeOffset? _dataEnd;
    private readonly (DateTimeOffset Time, int Event)?[] _first;

    /// <summary>Every row built so far by (cutoff, contact): scoring a month reads what the evaluation built.</summary>
    private readonly Dictionary<(DateTimeOffset Cutoff, int Contact), float[]> _built = [];

    public FeatureBuilder(ExtractedNetwork network, MonthCalendar calendar)
    {
        _net = network;
        _calendar = calendar;
        _byContact = Enumerable.Range(0, network.Contacts.Count).Select(_ => new List<Interaction>()).ToArray();
        foreach (var i in network.Interactions)
            _byContact[i.Contact].Add(i);
        _eventsByContact = Enumerable.Range(0, network.Contacts.Count).Select(_ => new List<int>()).ToArray();
        for (var e = 0; e < network.Events.Count; e++)
        {
            foreach (var c in network.Events[e].Contacts)
                _eventsByContact[c].Add(e);
        }
        _first = _byContact.Select(l => l.Count == 0 ? ((DateTimeOffset, int)?)null : (l[0].Time, l[0].Event)).ToArray();
        _dataEnd = network.AllMessages.Count == 0 ? null : network.AllMessages.Max(m => m.Date);
    }

    /// <summary>Every month start from the second month with data to the last, each with its rows.</summary>
    public IReadOnlyList<ContactMonth> BuildAll()
    {
        if (_net.Interactions.Count == 0 || _dataEnd is not { } end)
            return [];
        var rows = new List<ContactMonth>();
        var (y, m) = MonthCalendar.Next(_calendar.MonthOf(_net.Interactions[0].Time).Year, _calendar.MonthOf(_net.Interactions[0].Time).Month);
        for (var cutoff = _calendar.StartOf(y, m); cutoff <= end; (y, m) = MonthCalendar.Next(y, m), cutoff = _calendar.StartOf(y, m))
            rows.AddRange(Build(cutoff));
        return rows;
    }

    /// <summary>The rows at one cutoff: every contact with a meaningful owner-contact interaction in the six months before it.</summary>
    public IReadOnlyList<ContactMonth> Build(DateTimeOffset cutoff)
    {
        var rows = new List<ContactMonth>();
        var labelEnd = cutoff.AddMonths(LabelMonths);
        var labelled = _dataEnd is { } end && end >= labelEnd;
        for (var c = 0; c < _byContact.Length; c++)
        {
            var before = Before(c, cutoff);
            if (!Window(before, cutoff.AddMonths(-CandidateMonths)).Any(IsDyadicMeaningful))
                continue;
            var after = Between(c, cutoff, labelEnd);
            rows.Add(new ContactMonth(
                c,
                _net.Contacts[c],
                cutoff,
                _built[(cutoff, c)] = Features(c, before, cutoff),
                labelled ? after.Any(CountsOut) && after.Any(CountsIn) : null,
                labelled ? FirstAnswered(after, Direction.In) : null,
                labelled ? FirstAnswered(after, Direction.Out) : null));
        }
        return rows;
    }

    /// <summary>One contact's features at a cutoff, whether or not it is a candidate there; all missing without history.</summary>
    public float[] FeaturesAt(int contact, DateTimeOffset cutoff)
    {
        if (_built.TryGetValue((cutoff, contact), out var built))
            return built;
        var before = Before(contact, cutoff);
        return before.Any(Counted) ? Features(contact, before, cutoff) : [.. Enumerable.Repeat(float.NaN, FeatureSchema.Names.Count)];
    }

    private float[] Features(int c, List<Interaction> before, DateTimeOffset t)
    {
        var f = new List<float>(FeatureSchema.Names.Count);
        foreach (var months in FeatureSchema.WindowMonths)
            AddWindowed(f, Window(before, t.AddMonths(-months)));
        foreach (var halfLife in FeatureSchema.RankHalfLives)
        {
            f.Add((float)before.Where(i => Counted(i) && CountsOut(i)).Sum(i => Decay(t - i.Time, halfLife)));
            f.Add((float)before.Where(i => Counted(i) && CountsIn(i)).Sum(i => Decay(t - i.Time, halfLife)));
        }

        var counted = before.Where(Counted).ToList();
        var lastOut = counted.LastOrDefault(CountsOut)?.Time;
        var lastIn = counted.LastOrDefault(CountsIn)?.Time;
        f.Add(Days(t - counted[^1].Time));
        f.Add(lastOut is { } o && lastIn is { } n ? Days(t - (o < n ? o : n)) : float.NaN);
        f.Add(Days(t - counted[0].Time));

        var year = Window(before, t.AddMonths(-12));
        var days = year.Where(Counted).Select(i => _calendar.DayOf(i.Time).DayNumber).Distinct().Order().ToList();
        var gaps = days.Zip(days.Skip(1), (a, b) => (double)(b - a)).ToList();
        f.Add(Median(gaps));
        f.Add(Burstiness(gaps));

        var half = Window(before, t.AddMonths(-6)).ToList();
        f.Add(ReplyRate(half, Direction.In, t));
        f.Add(ReplyRate(half, Direction.Out, t));
        f.Add(Median(half.Where(i => i.IsReply && i.Direction == Direction.Out && i.Latency is not null).Select(i => i.Latency!.Value.TotalHours).ToList()));
        f.Add(Median(half.Where(i => i.IsReply && i.Direction == Direction.In && i.Latency is not null).Select(i => i.Latency!.Value.TotalHours).ToList()));
        f.Add(half.Count(i => i.Channel == Channel.Email && i.Direction == Direction.Out && i.Attachment));
        f.Add(half.Count(i => i.Channel == Channel.Email && i.Direction == Direction.In && i.Attachment));
        f.Add(Introductions(c, t.AddMonths(-6), t));
        f.Add(SharedContacts(c, t.AddMonths(-6), t));
        f.Add(_net.ContactInternal[c] ? 1 : 0);
        var email = half.Where(i => i.Channel == Channel.Email).ToList();
        f.Add(email.Count == 0 ? float.NaN : (float)email.Count(i => !i.Meaningful) / email.Count);
        var meetingHours = half.Where(i => i.Channel == Channel.Meeting).Sum(i => i.AttentionHours);
        f.Add(meetingHours <= 0 ? float.NaN : (float)(half.Where(i => i.Channel == Channel.Meeting && !i.Meaningful).Sum(i => i.AttentionHours) / meetingHours));
        return [.. f];
    }

    private void AddWindowed(List<float> f, IEnumerable<Interaction> window)
    {
        var list = window.ToList();
        var email = list.Where(i => i.Channel == Channel.Email).ToList();
        var days = list.Where(Counted).Select(i => _calendar.DayOf(i.Time).DayNumber).Distinct().ToList();
        f.Add((float)email.Where(i => i.Direction == Direction.Out).Sum(i => i.Weight));
        f.Add((float)email.Where(i => i.Direction == Direction.In).Sum(i => i.Weight));
        f.Add(days.Count);
        f.Add(days.Select(d => d / 7).Distinct().Count());
        f.Add(list.Count(i => i.Channel == Channel.Meeting));
        f.Add((float)list.Sum(i => i.AttentionHours));
        f.Add(email.Count == 0 ? float.NaN : (float)email.Count(i => i.N == 1) / email.Count);
        f.Add(email.Count == 0 ? float.NaN : (float)email.Count(i => i.N > 1 && i.Meaningful) / email.Count);
    }

    /// <summary>The share of one side's messages to the other directly that were answered within 7 days,
    /// over messages old enough at the cutoff for their answer to be known.</summary>
    private static float ReplyRate(List<Interaction> window, Direction from, DateTimeOffset t)
    {
        var asked = window.Where(i => IsReplyEligible(i) && i.Direction == from && i.Time + ReplyWindow <= t).ToList();
        return asked.Count == 0 ? float.NaN : (float)asked.Count(AnsweredInAWeek) / asked.Count;
    }

    /// <summary>L2/L3: was the first message of the label window from this side, to the other directly, answered within 7 days?</summary>
    private bool? FirstAnswered(List<Interaction> after, Direction from)
    {
        var first = after.FirstOrDefault(i => IsReplyEligible(i) && i.Direction == from);
        if (first is null || _dataEnd is not { } end || first.Time + ReplyWindow > end)
            return null;
        return AnsweredInAWeek(first);
    }

    /// <summary>Contacts whose first interaction with the owner was a message or meeting this contact was on, earlier known.</summary>
    private int Introductions(int c, DateTimeOffset from, DateTimeOffset to)
    {
        if (_first[c] is not { } mine)
            return 0;
        var count = 0;
        foreach (var e in _eventsByContact[c])
        {
            var shared = _net.Events[e];
            if (shared.Time < from || shared.Time >= to || shared.Time <= mine.Time)
                continue;
            count += shared.Contacts.Count(b => b != c && _first[b] is { } theirs && theirs.Event == e);
        }
        return count;
    }

    private int SharedContacts(int c, DateTimeOffset from, DateTimeOffset to) =>
        _eventsByContact[c].Select(e => _net.Events[e]).Where(e => e.Time >= from && e.Time < to && e.People <= 25)
            .SelectMany(e => e.Contacts).Where(b => b != c).Distinct().Count();

    private List<Interaction> Before(int c, DateTimeOffset t)
    {
        var list = _byContact[c];
        return list.GetRange(0, LowerBound(list, t));
    }

    private List<Interaction> Between(int c, DateTimeOffset from, DateTimeOffset to)
    {
        var list = _byContact[c];
        var start = LowerBound(list, from);
        return list.GetRange(start, LowerBound(list, to) - start);
    }

    private static IEnumerable<Interaction> Window(List<Interaction> before, DateTimeOffset from) =>
        before.Skip(LowerBound(before, from));

    private static bool Counted(Interaction i) => i.Channel == Channel.Email || i.Meaningful;

    private static double Decay(TimeSpan age, int halfLifeDays) => Math.Pow(2, -age.TotalDays / halfLifeDays);

    private static float Days(TimeSpan span) => (float)span.TotalDays;

    private static float Median(List<double> values) => TieMath.Median(values) is { } m ? (float)m : float.NaN;

    /// <summary>(sigma - mu) / (sigma + mu) of the gaps (Goh and Barabasi 2008): -1 regular, 0 random, towards 1 bursty.</summary>
    private static float Burstiness(List<double> gaps)
    {
        if (gaps.Count < 2)
            return float.NaN;
        var mean = gaps.Average();
        var sd = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Count);
        return sd + mean == 0 ? float.NaN : (float)((sd - mean) / (sd + mean));
    }
}
