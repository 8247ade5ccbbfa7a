namespace InboxNetworking.Core.Extraction;

/// <summary>Email or meeting.</summary>
public enum Channel
{
    Email,
    Meeting,
}

/// <summary>out: the owner reached the contact; in: the contact reached the owner; co: a third party's meeting.</summary>
public enum Direction
{
    Out,
    In,
    Co,
}

/// <summary>The canonical interaction row of METRICS.md section 0: one owner-contact touch.</summary>
public sealed class Interaction
{
    public required int Contact { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required Channel Channel { get; init; }
    public required Direction Direction { get; init; }
    /// <summary>A thread root sent by this side.</summary>
    public bool Initiation { get; init; }
    /// <summary>This message answers the other side's message (within the reply window).</summary>
    public bool IsReply { get; init; }
    public TimeSpan? Latency { get; init; }
    /// <summary>Participants other than the sender (email) or invitees minus one (meeting).</summary>
    public int N { get; init; }
    public double Weight { get; init; }
    public bool Meaningful { get; init; }
    public int Thread { get; init; }
    public bool Attachment { get; init; }
    public bool Internal { get; init; }
    public double DurationHours { get; init; }
    public double AttentionHours { get; init; }
    /// <summary>Recurring series id (meetings), else null.</summary>
    public string? Series { get; init; }
    /// <summary>Index into <see cref="ExtractedNetwork.Events"/>: who else was there; -1 when nobody else.</summary>
    public int Event { get; init; }
    /// <summary>Inbound: the owner was in To. Outbound: the contact was in To.</summary>
    public bool AddressedDirectly { get; init; }
    /// <summary>When the other side answered this message (first answer), if it did.</summary>
    public TimeSpan? AnsweredAfter { get; set; }
    /// <summary>Meetings: the contact organised it.</summary>
    public bool ContactOrganised { get; init; }
    /// <summary>Meetings: the contact accepted (or organised).</summary>
    public bool ContactAccepted { get; init; }
}
