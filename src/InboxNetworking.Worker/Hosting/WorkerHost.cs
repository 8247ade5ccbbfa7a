using InboxNetworking.Worker.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Options;
using Quartz;

namespace InboxNetworking.Worker.Hosting;

/// <summary>`inboxnet run`: the Generic Host with Quartz on a persistent SQLite job store in the data directory.</summary>
internal static class WorkerHost
{
    public static IHost Build(string dataDir, TimeProvider time, TextWriter log)
    {
        // No default sources: configuration comes from our layers only, never a stray appsettings.json in the cwd.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ((IConfigurationBuilder)builder.Configuration).AddConfiguration(InboxNetServices.Configuration(dataDir));
        InboxNetServices.Add(builder.Services, builder.Configuration, dataDir, time, log);
        if (SystemdHelpers.IsSystemdService())
            builder.Services.AddSystemd(); // Type=notify: READY once started, STOPPING on SIGTERM
        else
            builder.Services.AddSingleton<IHostLifetime, ConsoleLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));

        var scheduler = new SqliteConnectionStringBuilder { DataSource = DataDirectory.SchedulerDatabasePath(dataDir), Pooling = true }.ToString();
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "inboxnet");
            q.UseTimeProvider(time);
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = 2);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(SqliteFactory.Instance, scheduler);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            q.AddJob<AccountJob>(j => j.WithIdentity("template", "worker").StoreDurably());
            q.AddJob<ScheduleAccountsJob>(j => j.WithIdentity(ScheduleAccountsJob.Key).StoreDurably());
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<ScanTrigger>();
        return builder.Build();
    }

    /// <summary>Starts the account scan at once and then every AccountScanInterval (its interval is an option,
    /// so it is set here rather than baked into the persisted schedule).</summary>
    private sealed class ScanTrigger(ISchedulerFactory factory, IOptions<WorkerOptions> options, TimeProvider time) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var trigger = TriggerBuilder.Create().WithIdentity("scan", "worker").ForJob(ScheduleAccountsJob.Key).StartAt(time.GetUtcNow())
                .WithSimpleSchedule(s => s.WithInterval(options.Value.AccountScanInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
