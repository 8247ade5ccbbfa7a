namespace InboxNetworking.Core.Extraction;

/// <summary>Email or meeting.</summary>
public enum Channel : byte
{
    Email,
    Meeting,
}

/// <summary>out: the owner reached the contact; in: the contact reached the owner; co: a third party's meeting.</summary>
public enum Direction : byte
{
    Out,
    In,
    Co,
}

/// <summary>The canonical interaction row of METRICS.md section 0: one owner-contact touch.
/// A mailbox holds millions of these, so the fields behind the properties are kept compact
/// (ticks, whole seconds, floats): about 90 bytes a row instead of 150.</summary>
public sealed class Interaction
{
    private long _utcTicks;
    private int _latencySeconds = -1;
    private int _answeredSeconds = -1;
    private float _durationHours;
    private float _attentionHours;

    public required int Contact { get; init; }

    public required DateTimeOffset Time
    {
        get => new(_utcTicks, TimeSpan.Zero);
        init => _utcTicks = value.UtcTicks;
    }

    public required Channel Channel { get; init; }
    public required Direction Direction { get; init; }
    /// <summary>A thread root sent by this side.</summary>
    public bool Initiation { get; init; }
    /// <summary>This message answers the other side's message (within the reply window).</summary>
    public bool IsReply { get; init; }

    public TimeSpan? Latency
    {
        get => FromSeconds(_latencySeconds);
        init => _latencySeconds = ToSeconds(value);
    }

    /// <summary>Participants other than the sender (email) or invitees minus one (meeting).</summary>
    public int N { get; init; }
    public double Weight { get; init; }
    public bool Meaningful { get; init; }
    public int Thread { get; init; }
    public bool Attachment { get; init; }
    public bool Internal { get; init; }

    public double DurationHours
    {
        get => _durationHours;
        init => _durationHours = (float)value;
    }

    public double AttentionHours
    {
        get => _attentionHours;
        init => _attentionHours = (float)value;
    }

    /// <summary>Recurring series id (meetings), else null.</summary>
    public string? Series { get; init; }
    /// <summary>Index into <see cref="ExtractedNetwork.Events"/>: who else was there; -1 when nobody else.</summary>
    public int Event { get; init; }
    /// <summary>Inbound: the owner was in To. Outbound: the contact was in To.</summary>
    public bool AddressedDirectly { get; init; }

    /// <summary>When the other side answered this message (first answer), if it did.</summary>
    public TimeSpan? AnsweredAfter
    {
        get => FromSeconds(_answeredSeconds);
        set => _answeredSeconds = ToSeconds(value);
    }

    /// <summary>Meetings: the contact organised it.</summary>
    public bool ContactOrganised { get; init; }
    /// <summary>Meetings: the contact accepted (or organised).</summary>
    public bool ContactAccepted { get; init; }

    private static TimeSpan? FromSeconds(int seconds) => seconds < 0 ? null : TimeSpan.FromSeconds(seconds);

    // Latencies are counted within weeks (the reply window is 14 days by default): whole seconds in an int suffice.
    private static int ToSeconds(TimeSpan? value) =>
        value is { } v ? (int)Math.Clamp(Math.Round(v.TotalSeconds), 0, int.MaxValue) : -1;
}
