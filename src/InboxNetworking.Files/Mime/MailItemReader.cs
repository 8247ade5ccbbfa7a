using InboxNetworking.Core.Domain;
using InboxNetworking.Files.Calendar;
using MimeKit;
using MimeKit.Utils;

namespace InboxNetworking.Files.Mime;

/// <summary>Reads the header-level facts of a parsed message, and the calendar objects its
/// text/calendar parts carry. Nothing of the body is kept.</summary>
internal sealed class MailItemReader(IcsReader ics)
{
    /// <summary>The message's facts, or the reason it cannot be used.</summary>
    /// <remarks>A missing Date falls back to the newest Received header, then to <c>deliveredAt</c>, when the
    /// store says the message arrived (mbox From line, Maildir file name).</remarks>
    public (MailItem? Item, IReadOnlyList<CalendarChange> Calendar, string? Problem) Read(
        MimeMessage message, string folder, bool inSentFolder, bool isDraft, DateTimeOffset? deliveredAt = null) =>
        Read(message.Headers, message.BodyParts.Any(p => p.IsAttachment), CalendarTexts(message), folder, inSentFolder, isDraft, deliveredAt);

    /// <summary>The same facts from the header fields alone, with what the body structure told a remote
    /// connector. No item and no problem: the product's own report, which is skipped.</summary>
    /// <remarks>Each field is parsed straight from the header list, as MimeMessage's own properties parse it:
    /// fetched headers need no message built around them (re-parsing them as one cost as much CPU as
    /// MailKit's whole parse of the server's answer).</remarks>
    public (MailItem? Item, IReadOnlyList<CalendarChange> Calendar, string? Problem) Read(
        HeaderList headers, bool hasAttachment, IEnumerable<string> calendarTexts, string folder, bool inSentFolder, bool isDraft, DateTimeOffset? deliveredAt)
    {
        if (headers.Contains(ProductMessages.ReportHeader))
            return (null, [], null);
        var from = FirstMailbox(headers, HeaderId.From) ?? Sender(headers);
        if (from is null || string.IsNullOrWhiteSpace(from.Address))
            return (null, [], "no From address: the sender cannot be told");
        if ((DateOf(headers) ?? deliveredAt) is not { } date)
            return (null, [], "no usable Date header, Received header or delivery time: the message cannot be placed in time");

        var (calendar, calendarProblem) = ReadCalendars(calendarTexts);
        var to = Participants(headers, HeaderId.To);
        var cc = Participants(headers, HeaderId.Cc);
        var bcc = Participants(headers, HeaderId.Bcc);
        var labels = headers["X-Gmail-Labels"];
        var messageId = MessageKeys.NormalizeMessageId(First(headers, HeaderId.MessageId) is { } id ? MimeUtils.ParseMessageId(id.RawValue, 0, id.RawValue.Length) : null);
        var subject = headers[HeaderId.Subject];
        var item = new MailItem
        {
            // The recipients are listed only when there is no Message-ID to key by.
            MessageKey = messageId ?? MessageKeys.For(null, from.Address, date, subject, to.Concat(cc).Concat(bcc).Select(p => p.Address)),
            MessageId = messageId,
            Date = date,
            From = new Participant(from.Address, NullIfEmpty(from.Name)),
            To = to,
            Cc = cc,
            Bcc = bcc,
            Subject = subject,
            InReplyTo = MessageKeys.NormalizeMessageId(First(headers, HeaderId.InReplyTo) is { } reply ? References(reply).FirstOrDefault() : null),
            References = AllReferences(headers),
            ListId = NullIfEmpty(headers[HeaderId.ListId]),
            HasListUnsubscribe = headers.Contains(HeaderId.ListUnsubscribe),
            Precedence = NullIfEmpty(headers[HeaderId.Precedence]),
            AutoSubmitted = NullIfEmpty(headers["Auto-Submitted"]),
            HasAttachment = hasAttachment,
            CarriesCalendar = calendar.Count > 0 || calendarProblem is not null,
            Folder = folder,
            InSentFolder = inSentFolder || (labels is not null && HasLabel(labels, "Sent")),
            IsDraft = isDraft || (labels is not null && (HasLabel(labels, "Draft") || HasLabel(labels, "Drafts"))),
        };
        return (item, calendar, calendarProblem);
    }

    private static readonly ParserOptions Options = MimeParsing.Options();

    private static Header? First(HeaderList headers, HeaderId id) => headers.IndexOf(id) is >= 0 and var i ? headers[i] : null;

    /// <summary>The first mailbox of such fields, groups opened (as MimeMessage.From.Mailboxes.FirstOrDefault()).</summary>
    private static MailboxAddress? FirstMailbox(HeaderList headers, HeaderId id)
    {
        foreach (var header in headers)
        {
            if (header.Id == id && InternetAddressList.TryParse(Options, header.RawValue, out var list))
            {
                foreach (var mailbox in list.Mailboxes)
                    return mailbox;
            }
        }
        return null;
    }

    private static MailboxAddress? Sender(HeaderList headers) =>
        First(headers, HeaderId.Sender) is { } h && MailboxAddress.TryParse(Options, h.RawValue, out var sender) ? sender : null;

    private static IEnumerable<string> References(Header header) => MimeUtils.EnumerateReferences(header.RawValue, 0, header.RawValue.Length);

    /// <summary>Every message id of every References field, in order. Loops rather than LINQ: this runs for every synced message.</summary>
    private static List<string> AllReferences(HeaderList headers)
    {
        var references = new List<string>();
        foreach (var header in headers)
        {
            if (header.Id != HeaderId.References)
                continue;
            foreach (var reference in References(header))
                references.Add(reference.Trim('<', '>'));
        }
        return references;
    }

    /// <summary>The Date header, else the newest Received header's time (RFC 5322 3.6.7: "; date-time").</summary>
    private static DateTimeOffset? DateOf(HeaderList headers)
    {
        if (First(headers, HeaderId.Date) is { } h && DateUtils.TryParse(h.RawValue, 0, h.RawValue.Length, out DateTimeOffset sent))
            return sent;
        var received = First(headers, HeaderId.Received)?.Value;
        var semicolon = received?.LastIndexOf(';') ?? -1;
        return semicolon >= 0 && DateUtils.TryParse(received![(semicolon + 1)..].Trim(), out DateTimeOffset parsed) ? parsed : null;
    }

    /// <summary>text/calendar (iMIP, RFC 6047) and application/ics parts: where invitations and replies travel.</summary>
    public static bool IsCalendarType(ContentType type) => type.IsMimeType("text", "calendar") || type.IsMimeType("application", "ics");

    private static IEnumerable<string> CalendarTexts(MimeMessage message) =>
        message.BodyParts.OfType<MimePart>().Where(p => IsCalendarType(p.ContentType)).Select(p => p is TextPart tp ? tp.Text : ReadContent(p));

    private (IReadOnlyList<CalendarChange> Changes, string? Problem) ReadCalendars(IEnumerable<string> texts)
    {
        if (texts is IReadOnlyCollection<string> { Count: 0 })
            return ([], null); // most mail: nothing to allocate for
        var changes = new List<CalendarChange>();
        string? problem = null;
        foreach (var text in texts)
        {
            var (parsed, error) = ics.Read(text);
            if (error is not null)
                problem = error;
            changes.AddRange(parsed);
        }
        // An invitation often carries the same calendar twice (inline and as a file): the store's
        // upsert by UID and SEQUENCE makes the second a no-op.
        return (changes, problem);
    }

    private static string ReadContent(MimePart part)
    {
        using var memory = new MemoryStream();
        part.Content?.DecodeTo(memory);
        return System.Text.Encoding.UTF8.GetString(memory.ToArray());
    }

    /// <summary>Every mailbox with an address in every such field, groups opened (as MimeMessage.To.Mailboxes).</summary>
    private static List<Participant> Participants(HeaderList headers, HeaderId id)
    {
        var participants = new List<Participant>();
        foreach (var header in headers)
        {
            if (header.Id != id || !InternetAddressList.TryParse(Options, header.RawValue, out var list))
                continue;
            foreach (var mailbox in list.Mailboxes)
            {
                if (!string.IsNullOrWhiteSpace(mailbox.Address))
                    participants.Add(new Participant(mailbox.Address, NullIfEmpty(mailbox.Name)));
            }
        }
        return participants;
    }

    private static bool HasLabel(string labels, string label) =>
        labels.Split(',').Any(l => string.Equals(l.Trim(), label, StringComparison.OrdinalIgnoreCase));

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
