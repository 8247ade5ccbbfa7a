namespace InboxNetworking.Core.Domain;

/// <summary>What a connector hands over at once, with the checkpoint that follows it.
/// The store commits all of it and the checkpoint in one transaction.</summary>
public sealed record SourceBatch(
    IReadOnlyList<MailItem> Mail,
    IReadOnlyList<CalendarChange> Calendar,
    IReadOnlyList<QuarantineEntry> Quarantined,
    string Checkpoint);
