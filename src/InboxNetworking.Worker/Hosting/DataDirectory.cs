namespace InboxNetworking.Worker.Hosting;

/// <summary>Where the store and the user's settings live: --data-dir, else INBOXNET_DATA_DIR, else per user.
/// It holds who a person talks to, so it is kept to its owner.</summary>
internal static class DataDirectory
{
    public const string EnvironmentVariable = "INBOXNET_DATA_DIR";

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>What inboxnet itself keeps in a data directory; anything else means the folder is not its own.</summary>
    private static readonly string[] OwnEntries =
        [
            "inboxnet.db", "inboxnet.db-wal", "inboxnet.db-shm", "inboxnet.db-journal", "inboxnet.db.lock", "appsettings.json",
            "scheduler.db", "scheduler.db-wal", "scheduler.db-shm", "scheduler.db-journal", "keys", "reports",
        ];

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

    /// <summary>Quartz's own job store, beside ours: the worker's schedule survives a restart.</summary>
    public static string SchedulerDatabasePath(string dataDir) => Path.Combine(dataDir, "scheduler.db");

    /// <summary>The Data Protection key ring that encrypts stored credentials.</summary>
    public static string KeysPath(string dataDir) => Path.Combine(dataDir, "keys");

    /// <summary>Each account's delivered monthly reports.</summary>
    public static string ReportsPath(string dataDir) => Path.Combine(dataDir, "reports");

    /// <summary>One account's reports folder, reports/NAME; null for an account name that would lead elsewhere (a
    /// path separator, ".."): the folder is written to and, by <c>forget</c>, deleted.</summary>
    public static string? AccountReportsPath(string dataDir, string accountName)
    {
        var root = Path.GetFullPath(ReportsPath(dataDir));
        var folder = Path.GetFullPath(Path.Combine(root, accountName));
        return Path.GetDirectoryName(folder) == root && accountName is not ("." or "..") ? folder : null;
    }

    /// <summary>The user's own settings file, layered over config/appsettings.json.</summary>
    public static string SettingsPath(string dataDir) => Path.Combine(dataDir, "appsettings.json");

    /// <summary>
    /// Creates the directory owner-only (0700) and makes every entry in it owner-only (files 0600),
    /// whatever the umask. Returns whether an existing entry had to be tightened, so the caller says so
    /// once. A folder that also holds other people's files (a home folder, /tmp) is left exactly as it is.
    /// </summary>
    /// <remarks>The umask is left alone: the tests run the CLI in-process, and a process-wide umask would
    /// make every folder they create afterwards private too. Files created later need no umask either:
    /// the directory admits nobody else, and SQLite gives its WAL and SHM files the store's own mode.</remarks>
    public static bool Secure(string dataDir)
    {
        if (!Directory.Exists(dataDir))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(dataDir);
            else
                Directory.CreateDirectory(dataDir, OwnerOnlyDirectory);
            return false;
        }
        var foreign = Directory.EnumerateFileSystemEntries(dataDir)
            .Select(Path.GetFileName)
            .FirstOrDefault(name => !OwnEntries.Contains(name, StringComparer.Ordinal));
        if (foreign is not null)
            throw new UserError($"the data directory {dataDir} also holds files that are not inboxnet's (such as '{foreign}'), "
                + "so it was left as it is; give --data-dir (or $" + EnvironmentVariable + ") a folder of its own: inboxnet makes it private to you");
        return !OperatingSystem.IsWindows() && Tighten(dataDir);
    }

    /// <summary>Makes the directory and everything below it owner-only; true when anything was looser.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static bool Tighten(string dataDir)
    {
        var tightened = false;
        foreach (var path in Directory.EnumerateFileSystemEntries(dataDir, "*", SearchOption.AllDirectories).Prepend(dataDir))
        {
            try
            {
                var wanted = Directory.Exists(path) ? OwnerOnlyDirectory : OwnerOnlyFile;
                var mode = File.GetUnixFileMode(path);
                if ((mode & ~wanted) == 0)
                    continue;
                File.SetUnixFileMode(path, mode & wanted);
                tightened = true;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // A journal another process (the worker) removed in the meantime: nothing left to tighten.
            }
        }
        return tightened;
    }
}
