using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Ports;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Files;
using InboxNetworking.Files.Mime;
using InboxNetworking.Graph;
using InboxNetworking.Imap;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using InboxNetworking.Scoring.Ties;
using InboxNetworking.Reporting;
using InboxNetworking.Scoring.Evaluation;
using InboxNetworking.Storage;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxNetworking.Worker.Hosting;

/// <summary>The data directory this process works in.</summary>
internal sealed record DataDirectoryPath(string Path);

/// <summary>The composition root: configuration layers, validated options, and every service.</summary>
internal static class InboxNetServices
{
    /// <summary>Defaults from appsettings.json, then the data directory's appsettings.json, then INBOXNET_* variables.</summary>
    public static IConfiguration Configuration(string dataDir) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(DataDirectory.SettingsPath(dataDir), optional: true)
        .AddEnvironmentVariables("INBOXNET_")
        .Build();

    /// <summary>The services for <paramref name="dataDir"/>; <paramref name="overrides"/> win over every settings layer
    /// (the demo keeps to its own SQLite store).</summary>
    public static ServiceProvider Build(string dataDir, TimeProvider time, TextWriter log, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var services = new ServiceCollection();
        var configuration = overrides is null ? Configuration(dataDir)
            : new ConfigurationBuilder().AddConfiguration(Configuration(dataDir)).AddInMemoryCollection(overrides).Build();
        Add(services, configuration, dataDir, time, log);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Every service a command or the worker uses, for the data directory given.</summary>
    public static void Add(IServiceCollection services, IConfiguration configuration, string dataDir, TimeProvider time, TextWriter log)
    {
        services.AddSingleton(time);
        services.AddSingleton(new DataDirectoryPath(dataDir));
        services.AddLogging(b => b
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddProvider(new TextWriterLoggerProvider(log)));
        AddOptions<ExtractionOptions>(services, configuration, ExtractionOptions.Section);
        AddOptions<MetricsOptions>(services, configuration, MetricsOptions.Section);
        AddOptions<FilesOptions>(services, configuration, FilesOptions.Section);
        AddOptions<ImapOptions>(services, configuration, ImapOptions.Section);
        AddOptions<GraphOptions>(services, configuration, GraphOptions.Section);
        AddOptions<WorkerOptions>(services, configuration, WorkerOptions.Section);
        AddOptions<ScoringOptions>(services, configuration, ScoringOptions.Section);
        AddOptions<ReportOptions>(services, configuration, ReportOptions.Section);
        AddOptions<StoreOptions>(services, configuration, StoreOptions.Section);
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("InboxNetworking")
            .PersistKeysToFileSystem(new DirectoryInfo(DataDirectory.KeysPath(dataDir)));
        // New keys are encrypted with the certificate, which also decrypts them; keys made before it stay readable as
        // they are. A certificate that cannot be used is left out here: the options' validation says why, in words.
        if (configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() is { KeyRingCertificate.Length: > 0 } keyRing
            && KeyRingCertificate.TryLoad(keyRing.KeyRingCertificate, keyRing.KeyRingCertificatePassword, out _) is { } certificate)
            dataProtection.ProtectKeysWithCertificate(certificate);
        // With the organisation's PostgreSQL the key ring lives there instead, shared by every worker of the cluster.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, sp) =>
        {
            if (sp.GetRequiredService<IInboxStore>() is PostgresInboxStore postgres)
                keys.XmlRepository = DatabaseKeyRing.Open(postgres, DataDirectory.KeysPath(dataDir));
        });
        services.AddSingleton<CredentialProtector>();

        services.AddSingleton<IInboxStore>(sp => Value<StoreOptions>(sp) is { Provider: "postgres" } store
            ? PostgresInboxStore.Open(store.ConnectionString, sp.GetRequiredService<TimeProvider>())
            : SqliteInboxStore.Open(DataDirectory.DatabasePath(dataDir), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FileSources(sp.GetRequiredService<IOptions<FilesOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRelationshipScorer, TransparentScorer>();
        services.AddSingleton(sp => new InteractionExtractor(sp.GetRequiredService<IOptions<ExtractionOptions>>().Value));
        services.AddSingleton(sp => new NetworkAnalyzer(sp.GetRequiredService<IOptions<MetricsOptions>>().Value,
            sp.GetRequiredService<IRelationshipScorer>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Ingestor(sp.GetRequiredService<IInboxStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ImportService>();
        services.AddSingleton<AnalysisService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton(sp => new Evaluator(Value<ScoringOptions>(sp)));
        services.AddSingleton<EvaluationService>();
        services.AddSingleton(sp => new TieScoring(sp.GetRequiredService<Evaluator>(), Value<ScoringOptions>(sp), sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton(sp => new ImapConnector(Value<ImapOptions>(sp)));
        services.AddSingleton(sp => new ImapResilience(Value<ImapOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FetchedMessageReader(Value<FilesOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new GraphConnector(Value<GraphOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ConnectService>();
        services.AddSingleton<SyncService>();
        services.AddSingleton<DeliveryService>();
    }

    private static T Value<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private static void AddOptions<T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations();
    }

    /// <summary>Resolves every option now, so a bad setting fails before any work with a message that names it.</summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<ExtractionOptions>>().Value;
            _ = services.GetRequiredService<IOptions<MetricsOptions>>().Value;
            _ = services.GetRequiredService<IOptions<FilesOptions>>().Value;
            _ = services.GetRequiredService<IOptions<ImapOptions>>().Value;
            _ = services.GetRequiredService<IOptions<GraphOptions>>().Value;
            _ = services.GetRequiredService<IOptions<WorkerOptions>>().Value;
            _ = services.GetRequiredService<IOptions<ScoringOptions>>().Value;
            _ = services.GetRequiredService<IOptions<ReportOptions>>().Value;
            _ = services.GetRequiredService<IOptions<StoreOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            throw new UserError($"invalid settings in {e.OptionsType.Name}: {string.Join("; ", e.Failures)} (fix config/appsettings.json, the data directory's appsettings.json or the INBOXNET_ variable)");
        }
    }
}
