using InboxNetworking.Core.Extraction;

namespace InboxNetworking.Core.Metrics;

/// <summary>The questions every metric (and the ML features) asks of an interaction, answered in one place.</summary>
public static class InteractionFacts
{
    /// <summary>Counts for relationships: meaningful, and owner-contact (a meeting both attend counts).</summary>
    public static bool IsDyadicMeaningful(Interaction i) => i.Meaningful && (i.Direction != Direction.Co || i.Channel == Channel.Meeting);

    /// <summary>The owner reached the contact: an email out, or a meaningful meeting together (both are present).</summary>
    public static bool CountsOut(Interaction i) => i.Direction == Direction.Out || (i.Channel == Channel.Meeting && i.Meaningful);

    /// <summary>The contact reached the owner: an email in, or a meaningful meeting together.</summary>
    public static bool CountsIn(Interaction i) => i.Direction == Direction.In || (i.Channel == Channel.Meeting && i.Meaningful);

    /// <summary>A message that asks for a reply: email, the other side in To, at most 5 people.</summary>
    public static bool IsReplyEligible(Interaction i) =>
        i.Channel == Channel.Email && i.Direction != Direction.Co && i.AddressedDirectly && i.Meaningful;

    public static bool AnsweredInAWeek(Interaction i) => i.AnsweredAfter is { } a && a <= TimeSpan.FromDays(7);

    /// <summary>The first index at or after <paramref name="t"/> in a time-sorted list (binary search).</summary>
    public static int LowerBound(IReadOnlyList<Interaction> list, DateTimeOffset t)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (list[mid].Time < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
