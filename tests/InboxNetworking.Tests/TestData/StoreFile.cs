using Microsoft.Data.Sqlite;

namespace InboxNetworking.Tests.TestData;

/// <summary>Reads and changes a data directory's store file directly, as a crash or a second process would see it.</summary>
internal static class StoreFile
{
    public static async Task<long> CountAsync(string dataDir, string sql) => (long)(await RunAsync(dataDir, sql, c => c.ExecuteScalarAsync()))!;

    public static async Task ExecuteAsync(string dataDir, string sql) => await RunAsync(dataDir, sql, async c => (object?)await c.ExecuteNonQueryAsync());

    private static async Task<object?> RunAsync(string dataDir, string sql, Func<SqliteCommand, Task<object?>> run)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(dataDir, "inboxnet.db")};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await run(cmd);
    }
}
