namespace InboxNetworking.Core.Extraction;

/// <summary>Everything extraction yields for one account: contacts, interactions, context events.</summary>
public sealed class ExtractedNetwork
{
    public required IReadOnlySet<string> OwnerAddresses { get; init; }
    /// <summary>Contact addresses; an interaction's Contact is an index here.</summary>
    public required IReadOnlyList<string> Contacts { get; init; }
    public required IReadOnlyList<string?> ContactNames { get; init; }
    public required IReadOnlyList<bool> ContactInternal { get; init; }
    /// <summary>Sorted by time.</summary>
    public required IReadOnlyList<Interaction> Interactions { get; init; }
    public required IReadOnlyList<SharedEvent> Events { get; init; }
    public required IReadOnlyList<ListActivity> ListActivity { get; init; }
    public required IReadOnlyList<Invitation> Invitations { get; init; }
    public required IReadOnlyList<OwnerMeeting> OwnerMeetings { get; init; }
    /// <summary>Every message's date and whether the owner sent it, before exclusions (report totals).</summary>
    public required IReadOnlyList<(DateTimeOffset Date, bool Sent)> AllMessages { get; init; }
    public required IReadOnlyList<DateTimeOffset> AllEventStarts { get; init; }
    /// <summary>Distinct people the user's exclusions kept out (said after every analysis, since they apply retroactively).</summary>
    public int ExcludedByUser { get; init; }
}

/// <summary>A message or meeting with two or more contacts on it (owner excluded), for introductions,
/// alter-alter ties and recurring groups.</summary>
public sealed record SharedEvent(DateTimeOffset Time, int People, int[] Contacts, bool Meeting = false);

/// <summary>A mailing-list message in the mailbox: the community signal.</summary>
public sealed record ListActivity(DateTimeOffset Time, string ListId, bool Posted);

/// <summary>An invitation the owner got, and the answer (RSVP rate, organisers, events).</summary>
public sealed record Invitation(DateTimeOffset Time, string Organizer, bool Accepted, bool Responded, bool Optional, bool IsLargeEvent, int Invitees);

/// <summary>A meeting the owner attended or organised (meeting hours, organiser share, events, communities).</summary>
public sealed record OwnerMeeting(DateTimeOffset Time, double Hours, bool OwnerOrganised, int Invitees, string? Series,
    bool IsLargeEvent, int Accepted, int Invited, int[] Attendees)
{
    /// <summary>A recurring group meeting (a series with 3+ invitees): a community of its own (METRICS.md 3).</summary>
    public bool IsGroupSeries => Series is not null && Invitees >= 3;
}
