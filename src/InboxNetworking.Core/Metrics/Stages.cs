using InboxNetworking.Core.Extraction;

namespace InboxNetworking.Core.Metrics;

/// <summary>When a contact first reached each stage of the conversion funnel (METRICS.md 4), from one scan.</summary>
internal sealed record Stages(
    DateTimeOffset? Seen,
    DateTimeOffset? Engaged,
    DateTimeOffset? Recurring,
    DateTimeOffset? Met,
    DateTimeOffset? Collaboration)
{
    private static readonly TimeSpan Days90 = TimeSpan.FromDays(90);

    /// <summary>Reached met or collaboration: the funnel's outcome.</summary>
    public DateTimeOffset? Converted => Earliest(Met, Collaboration);

    public static Stages Of(List<Interaction> timeline)
    {
        var seen = timeline.Count > 0 ? timeline[0].Time : (DateTimeOffset?)null;
        return new Stages(seen, EngagedAt(timeline), RecurringAt(timeline), MetAt(timeline), CollaborationAt(timeline));
    }

    /// <summary>One meaningful exchange each way.</summary>
    private static DateTimeOffset? EngagedAt(List<Interaction> t)
    {
        var firstOut = t.FirstOrDefault(i => i.Meaningful && i.Direction == Direction.Out)?.Time;
        var firstIn = t.FirstOrDefault(i => i.Meaningful && i.Direction == Direction.In)?.Time;
        var meeting = t.FirstOrDefault(i => i.Meaningful && i.Channel == Channel.Meeting)?.Time;
        var emails = firstOut is { } o && firstIn is { } n ? (o > n ? o : n) : (DateTimeOffset?)null;
        return Earliest(emails, meeting);
    }

    /// <summary>Meaningful interactions in 3+ distinct weeks within 90 days.</summary>
    private static DateTimeOffset? RecurringAt(List<Interaction> t)
    {
        var window = new Queue<Interaction>();
        foreach (var i in t.Where(InteractionFacts.IsDyadicMeaningful))
        {
            window.Enqueue(i);
            while (i.Time - window.Peek().Time > Days90)
                window.Dequeue();
            if (window.Select(x => WeekOf(x.Time)).Distinct().Count() >= 3)
                return i.Time;
        }
        return null;
    }

    /// <summary>A meeting of at most 8 that both attended.</summary>
    private static DateTimeOffset? MetAt(List<Interaction> t) =>
        t.FirstOrDefault(i => i.Channel == Channel.Meeting && i.Meaningful && i.ContactAccepted)?.Time;

    /// <summary>A recurring series together, 3+ small meetings in 90 days, the contact organising a
    /// meeting with the owner, or attachments both ways in 2+ threads.</summary>
    private static DateTimeOffset? CollaborationAt(List<Interaction> t)
    {
        var seriesCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var small = new Queue<DateTimeOffset>();
        var attachOut = new HashSet<int>();
        var attachIn = new HashSet<int>();
        var bothWays = 0;
        foreach (var i in t)
        {
            // Only small meetings say anything about this tie: an all-hands series is not a collaboration.
            if (i.Channel == Channel.Meeting && i.ContactAccepted && i.Meaningful)
            {
                if (i.Series is { } s && (seriesCount[s] = seriesCount.GetValueOrDefault(s) + 1) == 2)
                    return i.Time;
                if (i.ContactOrganised)
                    return i.Time;
                {
                    small.Enqueue(i.Time);
                    while (i.Time - small.Peek() > Days90)
                        small.Dequeue();
                    if (small.Count >= 3)
                        return i.Time;
                }
            }
            else if (i.Channel == Channel.Email && i.Attachment && i.Thread >= 0)
            {
                var (mine, theirs) = i.Direction == Direction.Out ? (attachOut, attachIn) : (attachIn, attachOut);
                if (mine.Add(i.Thread) && theirs.Contains(i.Thread) && ++bothWays >= 2)
                    return i.Time;
            }
        }
        return null;
    }

    private static int WeekOf(DateTimeOffset t) => (int)(t.UtcDateTime.Date - DateTime.UnixEpoch).TotalDays / 7;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
