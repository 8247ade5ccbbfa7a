using System.Data.Common;
using DbUp;
using InboxNetworking.Core.Domain;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InboxNetworking.Storage;

/// <summary>The embedded default store: one SQLite file in the data directory, schema by DbUp migrations.</summary>
public sealed class SqliteInboxStore : SqlInboxStore
{
    private readonly string _connectionString;

    private SqliteInboxStore(string connectionString, TimeProvider time)
        : base(time) => _connectionString = connectionString;

    /// <summary>How long a second process waits for another one that is creating or migrating the store.</summary>
    private static readonly TimeSpan MigrationLockWait = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> KnownMigrations = typeof(SqliteInboxStore).Assembly.GetManifestResourceNames()
        .Where(IsMigration).ToHashSet(StringComparer.Ordinal);

    private static bool IsMigration(string resourceName) => resourceName.Contains(".Migrations.Sqlite.", StringComparison.Ordinal);

    /// <summary>Opens (creating and migrating as needed) the store at <paramref name="databasePath"/>.</summary>
    /// <exception cref="StoreException">The file is damaged, not a store, from a newer version, or another process
    /// kept it locked; the file is left as it was.</exception>
    public static SqliteInboxStore Open(string databasePath, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var cs = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true, ForeignKeys = true }.ToString();
        // Two processes creating one store at once would both run the first migration.
        using var migrationLock = MigrationLock.Acquire(databasePath, MigrationLockWait);
        StoreFileCheck.Check(databasePath, KnownMigrations);
        try
        {
            // WAL before anything else: readers (status, reports, a second process) never wait for an import.
            using (var c = new SqliteConnection(cs))
            {
                c.Open();
                Execute(c, "PRAGMA journal_mode=WAL;");
            }
            var upgrade = DeployChanges.To.SqliteDatabase(cs)
                .WithScriptsEmbeddedInAssembly(typeof(SqliteInboxStore).Assembly, IsMigration)
                .WithTransactionPerScript()
                .LogToNowhere()
                .Build()
                .PerformUpgrade();
            if (!upgrade.Successful)
                throw StoreException.Damaged(databasePath, $"migrating it failed ({upgrade.Error.Message.ReplaceLineEndings(" ")})", upgrade.Error);
        }
        catch (SqliteException e)
        {
            throw StoreException.Damaged(databasePath, $"SQLite cannot use it ({e.Message.ReplaceLineEndings(" ")})", e);
        }
        return new SqliteInboxStore(cs, time);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct);
        // A 32 MiB page cache (SQLite's default is 2 MiB) keeps the message table's key and index pages in memory
        // as a mailbox grows: the first sync of 100k messages went from 4.4 s to 3.5 s (63 -> 49 µs of CPU each).
        // A checkpoint every 8192 pages of log (SQLite's default is 1000) rather than after nearly every batch of
        // a sync: each one copies the pages back and syncs the file to disk (100k messages: 2.25 -> 1.83 s).
        Execute(c, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=8192;");
        return c;
    }

    /// <summary>The sync's hot path, bound by position through SQLite's own API: Microsoft.Data.Sqlite looks every named
    /// parameter up again on every execution, which was a third of the commit's CPU.</summary>
    protected override async Task<(int Added, int Duplicates)> InsertMessagesAsync(DbConnection c, long accountId, IReadOnlyList<MailItem> mail, CancellationToken ct)
    {
        if (mail.Count == 0)
            return (0, 0);
        var db = ((SqliteConnection)c).Handle!;
        Check(raw.sqlite3_prepare_v2(db, InsertMessageSql, out var insert), db);
        var sentKeys = new List<string>();
        int added = 0, duplicates = 0;
        using (insert)
        {
            var positions = MessageParameters.Select(name => raw.sqlite3_bind_parameter_index(insert, name)).ToArray();
            Check(raw.sqlite3_bind_int64(insert, raw.sqlite3_bind_parameter_index(insert, "@a"), accountId), db);
            var values = new object?[MessageParameters.Length];
            foreach (var m in mail)
            {
                ct.ThrowIfCancellationRequested();
                MessageValues(m, values);
                for (var i = 0; i < values.Length; i++)
                {
                    Check(values[i] switch
                    {
                        null => raw.sqlite3_bind_null(insert, positions[i]),
                        string text => raw.sqlite3_bind_text(insert, positions[i], text),
                        long number => raw.sqlite3_bind_int64(insert, positions[i], number),
                        var other => throw new InvalidOperationException($"no SQLite binding for {other.GetType().Name}"),
                    }, db);
                }
                Check(raw.sqlite3_step(insert), db);
                raw.sqlite3_reset(insert);
                if (raw.sqlite3_changes(db) == 1)
                {
                    added++;
                    continue;
                }
                duplicates++;
                if (m.InSentFolder)
                    sentKeys.Add(m.MessageKey);
            }
        }
        await MarkSentAsync(c, accountId, sentKeys, ct);
        return (added, duplicates);
    }

    private static void Check(int resultCode, sqlite3 db)
    {
        if (resultCode is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            SqliteException.ThrowExceptionForRC(resultCode, db);
    }

    /// <summary>secure_delete overwrites what the erasure deletes with zeros.</summary>
    protected override string BeforeErasure => "PRAGMA secure_delete=ON;";

    /// <summary>VACUUM rebuilds the file, since earlier page splits leave stale copies of rows in pages still in use,
    /// which secure_delete (zeroing only what is deleted now) never reaches; then the write-ahead log that held the
    /// old pages is emptied, and the connection goes back to the pool with secure_delete off (later writes need not
    /// pay for overwriting).</summary>
    protected override string AfterErasure => "VACUUM; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA secure_delete=OFF;";
}
