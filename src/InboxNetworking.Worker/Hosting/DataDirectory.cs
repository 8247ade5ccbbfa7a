namespace InboxNetworking.Worker.Hosting;

/// <summary>Where the store and the user's settings live: --data-dir, else INBOXNET_DATA_DIR, else per user.</summary>
internal static class DataDirectory
{
    public const string EnvironmentVariable = "INBOXNET_DATA_DIR";

    public static string Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return Path.GetFullPath(option);
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return Path.GetFullPath(env);
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "inboxnet");
    }

    public static string DatabasePath(string dataDir) => Path.Combine(dataDir, "inboxnet.db");

    /// <summary>The user's own settings file, layered over config/appsettings.json.</summary>
    public static string SettingsPath(string dataDir) => Path.Combine(dataDir, "appsettings.json");
}
