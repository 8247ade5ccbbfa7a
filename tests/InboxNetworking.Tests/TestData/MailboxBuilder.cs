using InboxNetworking.Core.Domain;

namespace InboxNetworking.Tests.TestData;

/// <summary>Hand-built mailboxes for extraction and metric tests: every message says who, when and to whom.</summary>
internal sealed class MailboxBuilder
{
    public const string Owner = "me@corp.example";
    private readonly List<MailItem> _mail = [];
    private readonly List<CalendarItem> _calendar = [];
    private int _next;

    public static readonly DateTimeOffset T0 = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<MailItem> Mail => _mail;

    public IReadOnlyList<CalendarItem> Calendar => _calendar;

    public static Account Account(string tz = "UTC") => new(1, "test", [Owner], tz);

    /// <summary>Adds a message and returns its Message-ID.</summary>
    public string Message(DateTimeOffset at, string from, string[] to, string[]? cc = null, string? replyTo = null,
        Func<MailItem, MailItem>? tweak = null, string? subject = null)
    {
        var id = $"m{++_next}@test";
        var parent = replyTo is null ? null : _mail.First(m => m.MessageId == replyTo);
        var item = new MailItem
        {
            MessageKey = id,
            MessageId = id,
            Date = at,
            From = new Participant(from, Name(from)),
            To = to.Select(a => new Participant(a, Name(a))).ToList(),
            Cc = (cc ?? []).Select(a => new Participant(a, null)).ToList(),
            Subject = subject ?? (replyTo is null ? "hello" : "Re: hello"),
            InReplyTo = replyTo,
            References = parent is null ? [] : [.. parent.References, parent.MessageId!],
            Folder = from == Owner ? "Sent" : "INBOX",
            InSentFolder = from == Owner,
        };
        _mail.Add(tweak is null ? item : tweak(item));
        return id;
    }

    public void Meeting(DateTimeOffset start, double hours, string organizer, params (string Address, AttendeeResponse Response)[] attendees) =>
        Meeting(start, hours, organizer, series: null, attendees);

    public void Meeting(DateTimeOffset start, double hours, string organizer, string? series, params (string Address, AttendeeResponse Response)[] attendees)
    {
        _calendar.Add(new CalendarItem
        {
            Uid = series ?? $"e{++_next}",
            InstanceStart = start,
            Start = start,
            End = start.AddHours(hours),
            Recurring = series is not null,
            Organizer = new Participant(organizer),
            Attendees = attendees.Select(a => new Attendee(a.Address, null, a.Response)).ToList(),
        });
    }

    private static string Name(string address) => char.ToUpperInvariant(address[0]) + address[1..address.IndexOf('@', StringComparison.Ordinal)];
}
