namespace InboxNetworking.Core.Domain;

/// <summary>One occurrence of a calendar event (recurrences already expanded), metadata only.</summary>
public sealed record CalendarItem
{
    public required string Uid { get; init; }
    /// <summary>The occurrence's original start (RECURRENCE-ID, else DTSTART): with the UID, its identity.</summary>
    public required DateTimeOffset InstanceStart { get; init; }
    public int Sequence { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public bool AllDay { get; init; }
    public bool Cancelled { get; init; }
    /// <summary>True when this occurrence belongs to a recurring series (the UID names the series).</summary>
    public bool Recurring { get; init; }
    /// <summary>True when it was written by a RECURRENCE-ID override rather than by the series rule.</summary>
    public bool IsOverride { get; init; }
    public Participant? Organizer { get; init; }
    public IReadOnlyList<Attendee> Attendees { get; init; } = [];
    public string? Summary { get; init; }
}

/// <summary>An invitee and what they answered.</summary>
public sealed record Attendee(string Address, string? DisplayName, AttendeeResponse Response, bool Optional = false);

/// <summary>PARTSTAT, reduced to what the metrics use.</summary>
public enum AttendeeResponse
{
    NeedsAction,
    Accepted,
    Tentative,
    Declined,
}
