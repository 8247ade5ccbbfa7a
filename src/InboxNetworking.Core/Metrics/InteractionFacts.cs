using InboxNetworking.Core.Extraction;

namespace InboxNetworking.Core.Metrics;

/// <summary>The questions every metric asks of an interaction, answered in one place.</summary>
internal static class InteractionFacts
{
    /// <summary>Counts for relationships: meaningful, and owner-contact (a meeting both attend counts).</summary>
    public static bool IsDyadicMeaningful(Interaction i) => i.Meaningful && (i.Direction != Direction.Co || i.Channel == Channel.Meeting);

    /// <summary>The owner reached the contact: an email out, or a meaningful meeting together (both are present).</summary>
    public static bool CountsOut(Interaction i) => i.Direction == Direction.Out || (i.Channel == Channel.Meeting && i.Meaningful);

    /// <summary>The contact reached the owner: an email in, or a meaningful meeting together.</summary>
    public static bool CountsIn(Interaction i) => i.Direction == Direction.In || (i.Channel == Channel.Meeting && i.Meaningful);
}
