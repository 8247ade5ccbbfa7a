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

/// <summary>`inboxnet run`: the Generic Host with Quartz on a persistent job store: SQLite in the data directory, or,
/// with the PostgreSQL store, a cluster of every worker sharing that database.</summary>
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

        var storeOptions = builder.Configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        var workerOptions = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        var clustered = storeOptions.Provider == "postgres";
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "inboxnet";
                // A clustered node wakes this often to take over the triggers of a node that stopped checking in.
                if (clustered)
                    o.IdleWaitTime = workerOptions.ClusterCheckinInterval;
            });
            q.UseTimeProvider(time);
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = workerOptions.MaxConcurrentAccounts);
            q.UsePersistentStore(store =>
            {
                if (clustered)
                {
                    // Every worker of the organisation shares one schedule: an account's job runs on one node at a time
                    // ([DisallowConcurrentExecution] holds across the cluster), and a node that dies is taken over.
                    store.UsePostgres(storeOptions.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = workerOptions.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = workerOptions.ClusterCheckinInterval * 2;
                    });
                }
                else
                {
                    store.UseSqlite(SqliteFactory.Instance, new SqliteConnectionStringBuilder { DataSource = DataDirectory.SchedulerDatabasePath(dataDir), Pooling = true }.ToString());
                }
                store.UseSystemTextJsonSerializer();
                // Several nodes may create the schema at once: the one that loses the race finds it made.
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
