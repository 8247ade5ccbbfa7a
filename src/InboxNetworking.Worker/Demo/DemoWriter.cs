using System.Globalization;
using System.Text;
using MimeKit;

namespace InboxNetworking.Worker.Demo;

/// <summary>Builds real RFC 5322 messages and iCalendar text and writes them as mbox and .ics files,
/// the same formats a user's export arrives in.</summary>
internal sealed class DemoWriter(string domain)
{
    private readonly List<(DateTimeOffset Date, MimeMessage Message)> _inbox = [];
    private readonly List<(DateTimeOffset Date, MimeMessage Message)> _sent = [];
    private readonly List<string> _calendar = [];
    private int _sequence;

    public int MessageCount => _inbox.Count + _sent.Count;

    /// <summary>Adds one message to Sent (the owner wrote it) or the Inbox, and returns its Message-ID.</summary>
    public string Mail(DateTimeOffset at, Person from, IEnumerable<Person> to, string subject, MailExtras? extras = null)
    {
        extras ??= new MailExtras();
        var message = new MimeMessage { Date = at, Subject = subject, MessageId = $"demo.{++_sequence}.{at.ToUnixTimeSeconds()}@{domain}" };
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        message.To.AddRange(to.Select(p => new MailboxAddress(p.Name, p.Address)));
        message.Cc.AddRange(extras.Cc.Select(p => new MailboxAddress(p.Name, p.Address)));
        if (extras.Parent is { } parent)
        {
            message.InReplyTo = parent.MessageId;
            foreach (var r in parent.References.Append(parent.MessageId))
                message.References.Add(r);
        }
        foreach (var (name, value) in extras.Headers)
            message.Headers.Add(name, value);
        message.Body = Body(extras);
        (from.Address == DemoPeople.Owner.Address ? _sent : _inbox).Add((at, message));
        return message.MessageId;
    }

    /// <summary>Adds a VEVENT to the owner's calendar export.</summary>
    public void CalendarEvent(string vevent) => _calendar.Add(vevent);

    public static string VEvent(string uid, int sequence, DateTimeOffset start, TimeSpan duration, string summary, Person organizer,
        IEnumerable<(Person Person, string PartStat)> attendees, string? rrule = null, string? status = null)
    {
        var sb = new StringBuilder()
            .Append("BEGIN:VEVENT\r\n")
            .Append(CultureInfo.InvariantCulture, $"UID:{uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:{Ics(start)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"DTSTART:{Ics(start)}\r\nDTEND:{Ics(start + duration)}\r\nSUMMARY:{summary}\r\n")
            .Append(CultureInfo.InvariantCulture, $"ORGANIZER;CN={organizer.Name}:mailto:{organizer.Address}\r\n");
        foreach (var (person, partStat) in attendees)
            sb.Append(CultureInfo.InvariantCulture, $"ATTENDEE;CN={person.Name};ROLE=REQ-PARTICIPANT;PARTSTAT={partStat}:mailto:{person.Address}\r\n");
        if (rrule is not null)
            sb.Append(CultureInfo.InvariantCulture, $"RRULE:{rrule}\r\n");
        if (status is not null)
            sb.Append(CultureInfo.InvariantCulture, $"STATUS:{status}\r\n");
        return sb.Append("END:VEVENT\r\n").ToString();
    }

    public static string VCalendar(string method, IEnumerable<string> events) =>
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//InboxNetworking//Demo//EN\r\nMETHOD:{method}\r\n{string.Concat(events)}END:VCALENDAR\r\n";

    public static string Ics(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes Inbox.mbox, Sent.mbox and Calendar.ics into the folder and returns their paths.</summary>
    public IReadOnlyList<string> WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var inbox = Path.Combine(folder, "Inbox.mbox");
        var sent = Path.Combine(folder, "Sent.mbox");
        var calendar = Path.Combine(folder, "Calendar.ics");
        WriteMbox(inbox, _inbox);
        WriteMbox(sent, _sent);
        File.WriteAllText(calendar, VCalendar("PUBLISH", _calendar));
        return [inbox, sent, calendar];
    }

    private static void WriteMbox(string path, List<(DateTimeOffset Date, MimeMessage Message)> messages)
    {
        using var stream = File.Create(path);
        var options = new FormatOptions { NewLineFormat = NewLineFormat.Unix };
        foreach (var (date, message) in messages.OrderBy(m => m.Date))
        {
            var sender = message.From.Mailboxes.First().Address;
            stream.Write(Encoding.ASCII.GetBytes($"From {sender} {date.UtcDateTime.ToString("ddd MMM dd HH:mm:ss yyyy", CultureInfo.InvariantCulture)}\n"));
            message.WriteTo(options, stream);
            stream.Write("\n"u8);
        }
    }

    private static MimeEntity Body(MailExtras extras)
    {
        var text = new TextPart("plain") { Text = "(synthetic demo message)" };
        if (extras.Calendar is null && !extras.Attachment)
            return text;
        var mixed = new Multipart("mixed") { text };
        if (extras.Calendar is { } ics)
        {
            var part = new TextPart("calendar") { Text = ics };
            part.ContentType.Parameters.Add("method", extras.CalendarMethod ?? "REQUEST");
            mixed.Add(part);
        }
        if (extras.Attachment)
        {
            mixed.Add(new MimePart("application", "pdf")
            {
                Content = new MimeContent(new MemoryStream("%PDF-1.4 demo"u8.ToArray())),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = "notes.pdf",
            });
        }
        return mixed;
    }
}

/// <summary>What a demo message carries besides From, To and Subject.</summary>
internal sealed record MailExtras
{
    public IReadOnlyList<Person> Cc { get; init; } = [];
    public (string MessageId, IReadOnlyList<string> References)? Parent { get; init; }
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
    public string? Calendar { get; init; }
    public string? CalendarMethod { get; init; }
    public bool Attachment { get; init; }
}
