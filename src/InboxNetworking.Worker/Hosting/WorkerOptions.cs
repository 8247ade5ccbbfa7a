using System.ComponentModel.DataAnnotations;

namespace InboxNetworking.Worker.Hosting;

/// <summary>The background worker's schedule (section InboxNet:Worker).</summary>
internal sealed class WorkerOptions
{
    public const string Section = "InboxNet:Worker";

    /// <summary>How often each connected account is synced.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the worker looks for accounts connected or removed while it runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AccountScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a sync that brought mail, the account is analysed again only when its last analysis is at least
    /// this old. A full analysis reads the whole history (100k messages: about 5 s of CPU), which after every
    /// sync of thousands of accounts would keep several cores busy; reports (delivered or asked for) analyse first
    /// whenever the mail is newer, so only `status` can lag, by at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan AnalysisInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Quartz cron for the nightly analysis, in the account's time zone.</summary>
    [Required]
    public string NightlyAnalysisCron { get; set; } = "0 30 2 * * ?";

    /// <summary>The hour of the 1st (account's time zone) when last month's report is delivered; a worker that
    /// was off then delivers it at its next sync.</summary>
    [Range(0, 23)]
    public int MonthlyReportHour { get; set; } = 7;

    /// <summary>With the PostgreSQL store, how often a worker checks in with the cluster; a worker silent for twice as
    /// long is taken over by the others.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Accounts this worker syncs, analyses or delivers at once. A sync mostly waits on the mail server (a
    /// local Dovecot answers one with nothing new in about 40 ms, a remote server takes several round trips), so a
    /// worker with many accounts is limited by this, not by its CPU (README, "Capacity").</summary>
    [Range(1, 256)]
    public int MaxConcurrentAccounts { get; set; } = 2;

    /// <summary>Deliver reports into the mailbox (IMAP APPEND) as well as to reports/ on disk.</summary>
    public bool DeliverToMailbox { get; set; } = true;
}
