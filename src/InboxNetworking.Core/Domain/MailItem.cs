namespace InboxNetworking.Core.Domain;

/// <summary>The header-level facts of one message: never a body.</summary>
public sealed record MailItem
{
    /// <summary>Message-ID without angle brackets, else a content hash (see <see cref="MessageKeys"/>).</summary>
    public required string MessageKey { get; init; }
    public string? MessageId { get; init; }
    public required DateTimeOffset Date { get; init; }
    public Participant? From { get; init; }
    public IReadOnlyList<Participant> To { get; init; } = [];
    public IReadOnlyList<Participant> Cc { get; init; } = [];
    public IReadOnlyList<Participant> Bcc { get; init; } = [];
    public string? Subject { get; init; }
    public string? InReplyTo { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    public string? ListId { get; init; }
    public bool HasListUnsubscribe { get; init; }
    public string? Precedence { get; init; }
    public string? AutoSubmitted { get; init; }
    public bool HasAttachment { get; init; }
    /// <summary>The message carries a text/calendar part: it belongs to the calendar stream.</summary>
    public bool CarriesCalendar { get; init; }
    public string Folder { get; init; } = "";
    /// <summary>Seen in a Sent folder (or labelled Sent): its From is one of the owner's addresses.</summary>
    public bool InSentFolder { get; init; }
    public bool IsDraft { get; init; }
}
