using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Reports;
using InboxNetworking.Core.Ports;
using InboxNetworking.Graph;
using InboxNetworking.Imap;
using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InboxNetworking.Worker.Application;

/// <summary>The monthly report, once per account and month: written to reports/ in the data directory and,
/// where the account allows, APPENDed to its INBOX (IMAP) or sent to its owner (Graph). Due from the 1st at the configured hour in the account's
/// time zone; a worker that was off then delivers it at its next run.</summary>
internal sealed class DeliveryService(
    IInboxStore store,
    ReportService reports,
    ImapConnector connector,
    ImapResilience resilience,
    GraphConnector graph,
    CredentialProtector protector,
    DataDirectoryPath dataDir,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<DeliveryService> logger)
{
    /// <summary>The month whose report is due now and not yet delivered, if any.</summary>
    public async Task<string?> DueMonthAsync(Account account, CancellationToken cancellationToken)
    {
        var calendar = new MonthCalendar(TimeZones.Require(account.TimeZoneId));
        var now = time.GetUtcNow();
        var (year, month) = calendar.MonthOf(now);
        if (now < calendar.StartOf(year, month).AddHours(options.Value.MonthlyReportHour))
            (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1);
        var (dueYear, dueMonth) = month == 1 ? (year - 1, 12) : (year, month - 1);
        var key = MonthCalendar.Key(dueYear, dueMonth);
        return await store.GetDeliveryAsync(account.Id, key, cancellationToken) is null ? key : null;
    }

    /// <summary>The worker's delivery: the due report, if any and if its month has data; says what was done.</summary>
    public async Task<string?> DeliverDueAsync(Account account, CancellationToken cancellationToken)
    {
        if (await DueMonthAsync(account, cancellationToken) is not { } month)
            return null;
        // No data for that month: nothing worth sending (a later sync may bring some).
        return await reports.LoadAsync(account, month, cancellationToken) is { } report
            ? await DeliverAsync(account, report, copy: false, cancellationToken)
            : null;
    }

    /// <summary>`inboxnet deliver`: the same delivery by hand, under the same exactly-once rule unless
    /// <paramref name="again"/> asks for a new copy on purpose.</summary>
    public async Task<string> DeliverMonthAsync(Account account, string month, bool again, CancellationToken cancellationToken)
    {
        var report = await reports.RequireAsync(account, month, cancellationToken);
        if (!again && await store.GetDeliveryAsync(account.Id, month, cancellationToken) is { } delivered)
            return $"the report for {month} was already delivered (Message-ID <{delivered}>); nothing sent. Add --again to send a new copy";
        return await DeliverAsync(account, report, again, cancellationToken);
    }

    private async Task<string> DeliverAsync(Account account, MonthlyReport report, bool copy, CancellationToken cancellationToken)
    {
        var message = reports.MessageFor(account, report, copy);
        await WriteFilesAsync(account, report, message, cancellationToken);

        var outcome = "written to " + AccountReportsPath(account);
        if (options.Value.DeliverToMailbox && await store.GetConnectionAsync(account.Id, cancellationToken) is { } connection)
            outcome = await DeliverToMailboxAsync(account, connection, message, cancellationToken) + outcome;
        await store.RecordDeliveryAsync(account.Id, report.Month, message.MessageId!, time.GetUtcNow(), cancellationToken);
        Log.ReportDelivered(logger, account.Name, report.Month, outcome);
        return $"report for {report.Month} {outcome}";
    }

    /// <summary>Into the INBOX by APPEND (IMAP) or to the owner by sendMail (Graph), where the account allows; says which.</summary>
    private async Task<string> DeliverToMailboxAsync(Account account, AccountConnection connection, MimeMessage message, CancellationToken cancellationToken)
    {
        var secret = protector.Unprotect(connection.ProtectedSecret, account.Name);
        if (connection.Kind == GraphSettings.Kind && GraphSettings.FromJson(connection.Settings) is { DeliverReports: true } graphSettings)
        {
            using var session = graph.Open(graphSettings, secret, (next, ct) => store.UpdateSecretAsync(account.Id, protector.Protect(next), ct));
            using var mime = new MemoryStream();
            await message.WriteToAsync(mime, cancellationToken);
            return await GraphReportDelivery.DeliverAsync(session, graphSettings, message.MessageId!, mime.ToArray(), cancellationToken)
                ? "sent to the mailbox (Graph sendMail) and "
                : "already in the mailbox (found by its Message-ID); ";
        }
        if (connection.Kind == ImapSettings.Kind && ImapSettings.FromJson(connection.Settings) is { DeliverReports: true } imapSettings)
        {
            await using var session = new ImapSession(connector, imapSettings, secret);
            return await new ImapReportDelivery(resilience.For(account.Name), time).DeliverAsync(session, message, cancellationToken)
                ? "delivered to the INBOX and "
                : "already in the INBOX (found by its Message-ID); ";
        }
        return "";
    }

    /// <summary>The report files already in reports/ACCOUNT written again from the stored analysis (after a person
    /// was erased from it); a month with no report any more loses its files. Returns the months rewritten.</summary>
    public async Task<int> RewriteWrittenReportsAsync(Account account, CancellationToken cancellationToken)
    {
        var folder = AccountReportsPath(account);
        if (!Directory.Exists(folder))
            return 0;
        var months = Directory.GetFiles(folder, "report-*.*")
            .Select(f => Path.GetFileName(f)["report-".Length..]).Where(n => n.Length >= 7).Select(n => n[..7]).Distinct(StringComparer.Ordinal).ToList();
        var rewritten = 0;
        foreach (var month in months)
        {
            if (await reports.LoadAsync(account, month, cancellationToken) is { } report)
            {
                await WriteFilesAsync(account, report, reports.MessageFor(account, report, copy: false), cancellationToken);
                rewritten++;
                continue;
            }
            foreach (var file in Directory.GetFiles(folder, $"report-{month}.*"))
                File.Delete(file);
        }
        return rewritten;
    }

    private string AccountReportsPath(Account account) => DataDirectory.AccountReportsPath(dataDir.Path, account.Name)
        ?? throw new UserError($"account name '{account.Name}' cannot name a folder under {DataDirectory.ReportsPath(dataDir.Path)}: an account name with a path in it has no reports folder");

    /// <summary>Every format and the message itself, beside each other in reports/ACCOUNT.</summary>
    private async Task WriteFilesAsync(Account account, MonthlyReport report, MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = AccountReportsPath(account);
        foreach (var renderer in ReportRenderers.All(reports.TextFor(account)))
            await ReportService.WriteAtomicallyAsync(Path.Combine(folder, $"report-{report.Month}{renderer.FileExtension}"), renderer.Render(report), cancellationToken);
        await ReportService.WriteAtomicallyAsync(Path.Combine(folder, $"report-{report.Month}.eml"), ReportService.MessageText(message), cancellationToken);
    }
}
