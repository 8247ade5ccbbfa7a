using InboxNetworking.Core.Extraction;
using InboxNetworking.Core.Ingestion;
using InboxNetworking.Core.Metrics;
using InboxNetworking.Core.Ports;
using InboxNetworking.Core.Scoring;
using InboxNetworking.Files;
using InboxNetworking.Storage;
using InboxNetworking.Worker.Application;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxNetworking.Worker.Hosting;

/// <summary>The composition root: configuration layers, validated options, and every service.</summary>
internal static class InboxNetServices
{
    /// <summary>Defaults from appsettings.json, then the data directory's appsettings.json, then INBOXNET_* variables.</summary>
    public static IConfiguration Configuration(string dataDir) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(DataDirectory.SettingsPath(dataDir), optional: true)
        .AddEnvironmentVariables("INBOXNET_")
        .Build();

    public static ServiceProvider Build(string dataDir, TimeProvider time, TextWriter log)
    {
        var configuration = Configuration(dataDir);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddLogging(b => b
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddProvider(new TextWriterLoggerProvider(log)));
        AddOptions<ExtractionOptions>(services, configuration, ExtractionOptions.Section);
        AddOptions<MetricsOptions>(services, configuration, MetricsOptions.Section);
        AddOptions<FilesOptions>(services, configuration, FilesOptions.Section);

        services.AddSingleton<IInboxStore>(sp => SqliteInboxStore.Open(DataDirectory.DatabasePath(dataDir), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new FileSources(sp.GetRequiredService<IOptions<FilesOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRelationshipScorer, TransparentScorer>();
        services.AddSingleton(sp => new InteractionExtractor(sp.GetRequiredService<IOptions<ExtractionOptions>>().Value));
        services.AddSingleton(sp => new NetworkAnalyzer(sp.GetRequiredService<IOptions<MetricsOptions>>().Value,
            sp.GetRequiredService<IRelationshipScorer>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Ingestor(sp.GetRequiredService<IInboxStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ImportService>();
        services.AddSingleton<AnalysisService>();
        services.AddSingleton<ReportService>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static void AddOptions<T>(ServiceCollection services, IConfiguration configuration, string section)
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
        }
        catch (OptionsValidationException e)
        {
            throw new UserError($"invalid settings in {e.OptionsType.Name}: {string.Join("; ", e.Failures)} (fix config/appsettings.json, the data directory's appsettings.json or the INBOXNET_ variable)");
        }
    }
}
