using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Ports;
using InboxNetworking.Imap;
using InboxNetworking.Reporting.Delivery;
using InboxNetworking.Reporting.Renderers;
using InboxNetworking.Worker.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InboxNetworking.Worker.Application;

/// <summary>The monthly report, once per account and month: written to reports/ in the data directory and,
/// where the account allows, APPENDed to its INBOX. Due from the 1st at the configured hour in the account's
/// time zone; a worker that was off then delivers it at its next run.</summary>
internal sealed class DeliveryService(
    IInboxStore store,
    AnalysisService analysis,
    ImapConnector connector,
    ImapResilience resilience,
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

    /// <summary>Delivers the due report; says what was done, or null when nothing was due.</summary>
    public async Task<string?> DeliverDueAsync(Account account, CancellationToken cancellationToken)
    {
        if (await DueMonthAsync(account, cancellationToken) is not { } month)
            return null;
        await analysis.AnalyzeAsync(account, cancellationToken);
        var report = await store.LoadReportAsync(account.Id, month, cancellationToken);
        if (report is null)
            return null; // no data for that month: nothing worth sending
        var owner = (account.OwnerAddresses.Count > 0 ? account.OwnerAddresses[0] : null) ?? throw new UserError($"account '{account.Name}' has no owner address to send the report to");
        var message = ReportMessage.Build(report, owner, time.GetUtcNow());
        await WriteFilesAsync(account, month, report, message, cancellationToken);

        var outcome = "written to " + AccountReportsPath(account);
        if (options.Value.DeliverToMailbox && await store.GetConnectionAsync(account.Id, cancellationToken) is { Kind: ImapSettings.Kind } connection
            && ImapSettings.FromJson(connection.Settings) is { DeliverReports: true } settings)
        {
            await using var session = new ImapSession(connector, settings, protector.Unprotect(connection.ProtectedSecret, account.Name));
            var appended = await new ImapReportDelivery(resilience.For(account.Name), time).DeliverAsync(session, message, cancellationToken);
            outcome = appended ? "delivered to the INBOX and " + outcome : "already in the INBOX (found by its Message-ID); " + outcome;
        }
        await store.RecordDeliveryAsync(account.Id, month, message.MessageId!, time.GetUtcNow(), cancellationToken);
        Log.ReportDelivered(logger, account.Name, month, outcome);
        return $"report for {month} {outcome}";
    }

    private string AccountReportsPath(Account account) => Path.Combine(DataDirectory.ReportsPath(dataDir.Path), account.Name);

    private async Task WriteFilesAsync(Account account, string month, Core.Reports.MonthlyReport report, MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = AccountReportsPath(account);
        foreach (var renderer in ReportRenderers.All)
            await ReportService.WriteAtomicallyAsync(Path.Combine(folder, $"report-{month}{renderer.FileExtension}"), renderer.Render(report), cancellationToken);
        var eml = Path.Combine(folder, $"report-{month}.eml");
        await using (var stream = File.Create(eml + ".tmp"))
            await message.WriteToAsync(stream, cancellationToken);
        File.Move(eml + ".tmp", eml, overwrite: true);
    }
}
