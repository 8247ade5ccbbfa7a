using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using InboxNetworking.Core.Reports;
using System.Data.Common;

namespace InboxNetworking.Storage;

/// <summary>The store in SQL both SQLite and PostgreSQL speak: each provider opens connections, migrates its schema
/// and says how an erasure reaches the files.</summary>
public abstract partial class SqlInboxStore : IInboxStore
{
    private readonly TimeProvider _time;

    protected SqlInboxStore(TimeProvider time) => _time = time;

    /// <summary>An open connection, set up as this database wants it.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Run on the erasing connection before an erasure's transaction (SQLite: overwrite what is deleted).</summary>
    protected abstract string? BeforeErasure { get; }

    /// <summary>Run after an erasure has committed, so that what was erased leaves the database's files too.</summary>
    protected abstract string? AfterErasure { get; }

    public async Task<Account> EnsureAccountAsync(string name, IReadOnlyCollection<string> ownerAddresses, string? timeZoneId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var tx = c.BeginTransaction();
        var existing = await FindAccountAsync(c, name, cancellationToken);
        long id;
        if (existing is null)
        {
            id = (long)(await Command(c, "INSERT INTO accounts (name, time_zone, created_at) VALUES (@n, @tz, @at) RETURNING id",
                ("@n", name), ("@tz", timeZoneId ?? "UTC"), ("@at", Now())).ExecuteScalarAsync(cancellationToken))!;
        }
        else
        {
            id = existing.Id;
            if (timeZoneId is not null && timeZoneId != existing.TimeZoneId)
                await Command(c, "UPDATE accounts SET time_zone = @tz WHERE id = @id", ("@tz", timeZoneId), ("@id", id)).ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var address in ownerAddresses)
        {
            await Command(c, "INSERT INTO owner_addresses (account_id, address) VALUES (@id, @a) ON CONFLICT DO NOTHING",
                ("@id", id), ("@a", address.Trim().ToLowerInvariant())).ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return (await FindAccountAsync(c, name, cancellationToken))!;
    }

    public async Task<Account?> FindAccountAsync(string name, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        return await FindAccountAsync(c, name, cancellationToken);
    }

    private static async Task<Account?> FindAccountAsync(DbConnection c, string name, CancellationToken ct)
    {
        long id;
        string tz;
        await using (var r = await Command(c, "SELECT id, time_zone FROM accounts WHERE name = @n", ("@n", name)).ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct))
                return null;
            id = r.GetInt64(0);
            tz = r.GetString(1);
        }
        var owners = new List<string>();
        await using (var r = await Command(c, "SELECT address FROM owner_addresses WHERE account_id = @id ORDER BY address", ("@id", id)).ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                owners.Add(r.GetString(0));
        }
        return new Account(id, name, owners, tz);
    }

    public async Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        var names = new List<string>();
        await using (var r = await Command(c, "SELECT name FROM accounts ORDER BY name").ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
                names.Add(r.GetString(0));
        }
        var accounts = new List<Account>();
        foreach (var n in names)
            accounts.Add((await FindAccountAsync(c, n, cancellationToken))!);
        return accounts;
    }

    /// <summary>Every table's rows of one account (the schema has no enforced foreign keys, so each is named).</summary>
    private static readonly string[] EraseAccountSql =
    [
        "DELETE FROM owner_addresses WHERE account_id = @a", "DELETE FROM messages WHERE account_id = @a",
        "DELETE FROM calendar_events WHERE account_id = @a", "DELETE FROM quarantine WHERE account_id = @a",
        "DELETE FROM checkpoints WHERE account_id = @a", "DELETE FROM runs WHERE account_id = @a",
        "DELETE FROM reports WHERE account_id = @a", "DELETE FROM contacts WHERE account_id = @a",
        "DELETE FROM connections WHERE account_id = @a", "DELETE FROM deliveries WHERE account_id = @a",
        "DELETE FROM scoring_models WHERE account_id = @a", "DELETE FROM exclusions WHERE account_id = @a",
        "DELETE FROM aliases WHERE account_id = @a",
        "DELETE FROM accounts WHERE id = @a",
    ];

    public async Task<bool> EraseAccountAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        // Erased means gone from the files too (see the providers' BeforeErasure and AfterErasure).
        Execute(c, BeforeErasure);
        var erased = 0;
        await using (var tx = await c.BeginTransactionAsync(cancellationToken))
        {
            foreach (var sql in EraseAccountSql)
                erased = await Command(c, sql, ("@a", accountId)).ExecuteNonQueryAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        Execute(c, AfterErasure);
        return erased == 1;
    }

    public async Task<IReadOnlyDictionary<string, string>> ListAliasesAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var r = await Command(c, "SELECT address, canonical FROM aliases WHERE account_id = @a", ("@a", accountId)).ExecuteReaderAsync(cancellationToken);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await r.ReadAsync(cancellationToken))
            aliases[r.GetString(0)] = r.GetString(1);
        return aliases;
    }

    public async Task<bool> SetAliasAsync(long accountId, string address, string? canonical, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        return await (canonical is not null
            ? Command(c, """
                INSERT INTO aliases (account_id, address, canonical, added_at) VALUES (@a, @ad, @c, @at)
                ON CONFLICT (account_id, address) DO UPDATE SET canonical = excluded.canonical, added_at = excluded.added_at WHERE aliases.canonical <> excluded.canonical
                """, ("@a", accountId), ("@ad", address), ("@c", canonical), ("@at", Now()))
            : Command(c, "DELETE FROM aliases WHERE account_id = @a AND address = @ad", ("@a", accountId), ("@ad", address))).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<string>> ListExclusionsAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var r = await Command(c, "SELECT pattern FROM exclusions WHERE account_id = @a ORDER BY pattern", ("@a", accountId)).ExecuteReaderAsync(cancellationToken);
        var patterns = new List<string>();
        while (await r.ReadAsync(cancellationToken))
            patterns.Add(r.GetString(0));
        return patterns;
    }

    public async Task<bool> SetExclusionAsync(long accountId, string pattern, bool excluded, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        return await (excluded
            ? Command(c, "INSERT INTO exclusions (account_id, pattern, added_at) VALUES (@a, @p, @at) ON CONFLICT DO NOTHING", ("@a", accountId), ("@p", pattern), ("@at", Now()))
            : Command(c, "DELETE FROM exclusions WHERE account_id = @a AND pattern = @p", ("@a", accountId), ("@p", pattern))).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> EraseAddressAsync(long accountId, string address, CancellationToken cancellationToken)
    {
        var x = address.Trim().ToLowerInvariant();
        // Substring matches are filtered exactly below, so LIKE's wildcards in an address ('_') only cost a look.
        var like = "%" + x + "%";
        bool Other(string a) => !string.Equals(a.Trim(), x, StringComparison.OrdinalIgnoreCase);
        string Without(string encoded) => ParticipantList.Encode(ParticipantList.Decode(encoded).Where(p => Other(p.Address)).ToList());
        await using var c = await OpenAsync(cancellationToken);
        // As for a whole account: gone from the files too.
        Execute(c, BeforeErasure);
        var changed = 0;
        await using (var tx = await c.BeginTransactionAsync(cancellationToken))
        {
            changed += await Command(c, "DELETE FROM messages WHERE account_id = @a AND lower(from_addr) = @x", ("@a", accountId), ("@x", x)).ExecuteNonQueryAsync(cancellationToken);
            var lists = new List<(string Key, string To, string Cc, string Bcc)>();
            await using (var r = await Command(c, "SELECT message_key, to_list, cc_list, bcc_list FROM messages WHERE account_id = @a AND "
                + "(lower(to_list) LIKE @like OR lower(cc_list) LIKE @like OR lower(bcc_list) LIKE @like)", ("@a", accountId), ("@like", like)).ExecuteReaderAsync(cancellationToken))
            {
                while (await r.ReadAsync(cancellationToken))
                    lists.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
            }
            var update = Command(c, "UPDATE messages SET to_list = @to, cc_list = @cc, bcc_list = @bcc WHERE account_id = @a AND message_key = @k",
                ("@a", accountId), ("@k", ""), ("@to", ""), ("@cc", ""), ("@bcc", ""));
            foreach (var (key, to, cc, bcc) in lists)
            {
                Set(update, ("@k", key), ("@to", Without(to)), ("@cc", Without(cc)), ("@bcc", Without(bcc)));
                changed += await update.ExecuteNonQueryAsync(cancellationToken);
            }
            changed += await Command(c, "UPDATE calendar_events SET organizer_addr = NULL, organizer_name = NULL WHERE account_id = @a AND lower(organizer_addr) = @x",
                ("@a", accountId), ("@x", x)).ExecuteNonQueryAsync(cancellationToken);
            var meetings = new List<(string Uid, long Instance, string Attendees)>();
            await using (var r = await Command(c, "SELECT uid, instance_start_ms, attendees FROM calendar_events WHERE account_id = @a AND lower(attendees) LIKE @like",
                ("@a", accountId), ("@like", like)).ExecuteReaderAsync(cancellationToken))
            {
                while (await r.ReadAsync(cancellationToken))
                    meetings.Add((r.GetString(0), r.GetInt64(1), r.GetString(2)));
            }
            var attendees = Command(c, "UPDATE calendar_events SET attendees = @att WHERE account_id = @a AND uid = @u AND instance_start_ms = @i",
                ("@a", accountId), ("@u", ""), ("@i", 0L), ("@att", ""));
            foreach (var (uid, instance, json) in meetings)
            {
                Set(attendees, ("@u", uid), ("@i", instance), ("@att", AttendeeList.Encode(AttendeeList.Decode(json).Where(a => Other(a.Address)).ToList())));
                changed += await attendees.ExecuteNonQueryAsync(cancellationToken);
            }
            await Command(c, "DELETE FROM quarantine WHERE account_id = @a AND lower(reason) LIKE @like", ("@a", accountId), ("@like", like)).ExecuteNonQueryAsync(cancellationToken);
            // The analysis names them in every month: it goes too, and is rebuilt without them.
            await Command(c, "DELETE FROM reports WHERE account_id = @a", ("@a", accountId)).ExecuteNonQueryAsync(cancellationToken);
            await Command(c, "DELETE FROM contacts WHERE account_id = @a", ("@a", accountId)).ExecuteNonQueryAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        Execute(c, AfterErasure);
        return changed;
    }

    public async Task<string?> GetCheckpointAsync(long accountId, string sourceKey, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        return (string?)await Command(c, "SELECT position FROM checkpoints WHERE account_id = @a AND source_key = @k",
            ("@a", accountId), ("@k", sourceKey)).ExecuteScalarAsync(cancellationToken);
    }

    public async Task RecordRunAsync(long accountId, string kind, DateTimeOffset finishedAt, string summary, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await InsertRunAsync(c, accountId, kind, finishedAt, summary, cancellationToken);
    }

    /// <summary>One row of the account's run history (what `status` reads its "last import/sync/analysis" from).</summary>
    private static async Task InsertRunAsync(DbConnection c, long accountId, string kind, DateTimeOffset finishedAt, string summary, CancellationToken cancellationToken) =>
        await Command(c, "INSERT INTO runs (account_id, kind, finished_at, summary) VALUES (@a, @k, @f, @s)",
            ("@a", accountId), ("@k", kind), ("@f", Stamp(finishedAt)), ("@s", summary)).ExecuteNonQueryAsync(cancellationToken);

    public async Task SaveAnalysisAsync(long accountId, IReadOnlyList<MonthlyReport> reports, IReadOnlyList<Participant> contacts, DateTimeOffset readFrom, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var tx = c.BeginTransaction();
        await Command(c, "DELETE FROM reports WHERE account_id = @a", ("@a", accountId)).ExecuteNonQueryAsync(cancellationToken);
        await Command(c, "DELETE FROM contacts WHERE account_id = @a", ("@a", accountId)).ExecuteNonQueryAsync(cancellationToken);
        var insertReport = Command(c, "INSERT INTO reports (account_id, month, json) VALUES (@a, @m, @j)", ("@a", accountId), ("@m", ""), ("@j", ""));
        foreach (var r in reports)
        {
            insertReport.Parameters["@m"].Value = r.Month;
            insertReport.Parameters["@j"].Value = ReportJson.Serialize(r);
            await insertReport.ExecuteNonQueryAsync(cancellationToken);
        }
        var insertContact = Command(c, "INSERT INTO contacts (account_id, address, name) VALUES (@a, @ad, @n) ON CONFLICT DO NOTHING", ("@a", accountId), ("@ad", ""), ("@n", null));
        foreach (var p in contacts)
        {
            insertContact.Parameters["@ad"].Value = p.Address;
            insertContact.Parameters["@n"].Value = (object?)p.DisplayName ?? DBNull.Value;
            await insertContact.ExecuteNonQueryAsync(cancellationToken);
        }
        await InsertRunAsync(c, accountId, "analyze", readFrom, $"{reports.Count} months, {contacts.Count} contacts", cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<MonthlyReport?> LoadReportAsync(long accountId, string month, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        var json = (string?)await Command(c, "SELECT json FROM reports WHERE account_id = @a AND month = @m", ("@a", accountId), ("@m", month)).ExecuteScalarAsync(cancellationToken);
        return json is null ? null : ReportJson.Deserialize(json);
    }

    public async Task<IReadOnlyList<string>> ListReportMonthsAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        var months = new List<string>();
        await using var r = await Command(c, "SELECT month FROM reports WHERE account_id = @a ORDER BY month", ("@a", accountId)).ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            months.Add(r.GetString(0));
        return months;
    }

    public async Task<AccountStatus> GetStatusAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        async Task<long> Count(string table) =>
            (long)(await Command(c, $"SELECT COUNT(*) FROM {table} WHERE account_id = @a", ("@a", accountId)).ExecuteScalarAsync(cancellationToken))!;
        static DateTimeOffset? When(object? stored) => stored is string s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : null;
        async Task<DateTimeOffset?> Last(string kind) =>
            When(await Command(c, "SELECT MAX(finished_at) FROM runs WHERE account_id = @a AND kind = @k", ("@a", accountId), ("@k", kind)).ExecuteScalarAsync(cancellationToken));
        string name;
        DateTimeOffset? changed;
        await using (var r = await Command(c, "SELECT name, data_changed_at FROM accounts WHERE id = @a", ("@a", accountId)).ExecuteReaderAsync(cancellationToken))
        {
            await r.ReadAsync(cancellationToken);
            (name, changed) = (r.GetString(0), When(r.GetValue(1)));
        }
        var events = (long)(await Command(c, "SELECT COUNT(*) FROM calendar_events WHERE account_id = @a AND cancelled = 0", ("@a", accountId)).ExecuteScalarAsync(cancellationToken))!;
        return new AccountStatus(name, await Count("messages"), events, await Count("contacts"), await Count("quarantine"),
            await Last("import"), await Last("sync"), await Last("analyze"), changed);
    }

    public async Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(long accountId, int limit, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        var list = new List<QuarantineEntry>();
        await using var r = await Command(c, "SELECT source, position, reason FROM quarantine WHERE account_id = @a ORDER BY id LIMIT @l",
            ("@a", accountId), ("@l", limit)).ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            list.Add(new QuarantineEntry(r.GetString(0), r.GetString(1), r.GetString(2)));
        return list;
    }

    private string Now() => Stamp(_time.GetUtcNow());

    /// <summary>How every time is stored: round-trip ISO 8601 text, which sorts as it reads.</summary>
    private static string Stamp(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    protected static DbCommand Command(DbConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(Parameter(cmd, name, value));
        return cmd;
    }

    /// <summary>Flags are stored as 0 and 1 (SQLite has no boolean; PostgreSQL's would not compare with the SQL's "= 0").</summary>
    private static DbParameter Parameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = Db(value);
        return p;
    }

    private static object Db(object? value) => value switch
    {
        null => DBNull.Value,
        bool b => b ? 1L : 0L,
        _ => value,
    };

    protected static void Execute(DbConnection c, string? sql)
    {
        if (string.IsNullOrEmpty(sql))
            return;
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Fingerprint(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
