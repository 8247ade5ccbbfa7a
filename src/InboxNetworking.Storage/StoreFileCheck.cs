using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace InboxNetworking.Storage;

/// <summary>
/// Looks at an existing store file before anything writes to it: migrations run against a damaged or foreign
/// file would change it, and the person may need it byte for byte to recover from a backup or a crash.
/// </summary>
internal static class StoreFileCheck
{
    private const int HeaderBytes = 100;
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Throws a <see cref="StoreException"/> unless the file is absent or an inboxnet store this version can migrate.</summary>
    public static void Check(string path, IReadOnlySet<string> knownMigrations)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            return;
        if (file.Length == 0)
            throw StoreException.Damaged(path, "the file is empty (0 bytes)");
        CheckHeader(path, file.Length);
        CheckSchema(path, knownMigrations);
    }

    private static void CheckHeader(string path, long length)
    {
        var header = new byte[HeaderBytes];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            read = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        if (read < HeaderBytes || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw StoreException.Damaged(path, "it is not a SQLite database (a different file has taken its name, or it was overwritten)");

        int pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        var bytesPerPage = pageSize == 1 ? 65536 : pageSize;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        // The page count in the header is only valid when "version-valid-for" matches the change counter.
        var countIsValid = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        var promised = (long)pages * bytesPerPage;
        if (countIsValid && pages > 0 && length < promised)
            throw StoreException.Damaged(path, $"it is truncated ({length:N0} of the {promised:N0} bytes its header promises)");
    }

    private static void CheckSchema(string path, IReadOnlySet<string> knownMigrations)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var c = new SqliteConnection(cs);
            c.Open();
            var tables = Strings(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
            if (tables.Count == 0)
                return; // created but never migrated: migrations start from nothing
            if (!tables.Contains("SchemaVersions", StringComparer.OrdinalIgnoreCase))
                throw StoreException.Damaged(path, $"it is a SQLite database of something else (tables {string.Join(", ", tables.Take(5))})");
            var applied = Strings(c, "SELECT ScriptName FROM SchemaVersions");
            if (applied.FirstOrDefault(m => !knownMigrations.Contains(m)) is { } unknown)
                throw StoreException.Newer(path, unknown);
        }
        catch (SqliteException e)
        {
            throw StoreException.Damaged(path, $"SQLite cannot read it ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    private static List<string> Strings(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }
}
