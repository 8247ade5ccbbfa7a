using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Reports;
using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Reporting.Text;
using MimeKit;

namespace InboxNetworking.Reporting.Delivery;

/// <summary>The monthly report as a mail message: HTML with a plain-text alternative, JSON and CSV attached.</summary>
public static class ReportMessage
{
    /// <summary>The same account and month always give the same Message-ID, so a delivery can be looked up
    /// before it is made again.</summary>
    public static string MessageIdFor(string accountName, string month)
    {
        var account = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountName)))[..16];
        return $"report.{month}.{account}@inboxnet.invalid";
    }

    /// <summary>The report as a message; a <paramref name="copy"/> (sent again on purpose) gets a Message-ID of
    /// its own from <paramref name="date"/>, so the exactly-once lookup does not stop it.</summary>
    public static MimeMessage Build(MonthlyReport report, string ownerAddress, DateTimeOffset date, bool copy = false, ReportText? text = null)
    {
        var t = text ?? ReportText.English;
        var id = MessageIdFor(report.Account, report.Month);
        var message = new MimeMessage
        {
            MessageId = copy ? id.Replace("@", string.Create(CultureInfo.InvariantCulture, $".copy{date.ToUnixTimeSeconds()}@"), StringComparison.Ordinal) : id,
            Date = date,
            // The account's name is the user's: control characters (a CR LF could start a header) become spaces.
            Subject = t.Format("mail.subject", t.Month(report.Month), new string([.. report.Account.Select(ch => char.IsControl(ch) ? ' ' : ch)])),
        };
        message.From.Add(new MailboxAddress("InboxNetworking", ownerAddress));
        message.To.Add(MailboxAddress.Parse(ownerAddress));
        // RFC 3834: an automatic message. The analysis drops such mail, so reports never count as interactions.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(ProductMessages.ReportHeader, report.Month);

        var body = new BodyBuilder
        {
            HtmlBody = new HtmlReportRenderer(forMail: true, text: t).Render(report),
            TextBody = new MarkdownReportRenderer(t).Render(report),
        };
        body.Attachments.Add($"inboxnet-{report.Month}.json", Encoding.UTF8.GetBytes(new JsonReportRenderer(t).Render(report)), new ContentType("application", "json"));
        body.Attachments.Add($"inboxnet-{report.Month}-contacts.csv", Encoding.UTF8.GetBytes(new CsvContactsRenderer().Render(report)), new ContentType("text", "csv"));
        message.Body = body.ToMessageBody();
        return message;
    }
}
