using System.Globalization;
using InboxNetworking.Core.Domain;

namespace InboxNetworking.Storage;

/// <summary>Connections (how an account is reached, and its health), report deliveries, and kept scoring models.</summary>
public abstract partial class SqlInboxStore
{
    public async Task SaveConnectionAsync(long accountId, string kind, string settings, string protectedSecret, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        // Connecting again is how a person fixes "needs reconnect": the state starts afresh, the data stays.
        await Command(c, """
            INSERT INTO connections (account_id, kind, settings, protected_secret, state, updated_at) VALUES (@a, @k, @s, @p, 'Ok', @at)
            ON CONFLICT (account_id) DO UPDATE SET kind = @k, settings = @s, protected_secret = @p, state = 'Ok', last_error = NULL, updated_at = @at
            """, ("@a", accountId), ("@k", kind), ("@s", settings), ("@p", protectedSecret), ("@at", Now())).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AccountConnection?> GetConnectionAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var r = await Command(c, "SELECT kind, settings, protected_secret, state, last_error, last_sync_at, last_outcome FROM connections WHERE account_id = @a",
            ("@a", accountId)).ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
            return null;
        return new AccountConnection(accountId, r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<ConnectionState>(r.GetString(3)),
            r.IsDBNull(4) ? null : r.GetString(4),
            r.IsDBNull(5) ? null : DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture),
            r.IsDBNull(6) ? null : r.GetString(6));
    }

    public async Task UpdateSecretAsync(long accountId, string protectedSecret, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await Command(c, "UPDATE connections SET protected_secret = @p, updated_at = @at WHERE account_id = @a",
            ("@a", accountId), ("@p", protectedSecret), ("@at", Now())).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordSyncOutcomeAsync(long accountId, ConnectionState state, string outcome, string? error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var tx = c.BeginTransaction();
        await Command(c, "UPDATE connections SET state = @s, last_error = @e, last_sync_at = @at, last_outcome = @o WHERE account_id = @a",
            ("@a", accountId), ("@s", state.ToString()), ("@e", error), ("@at", Stamp(at)), ("@o", outcome)).ExecuteNonQueryAsync(cancellationToken);
        await InsertRunAsync(c, accountId, "sync", at, outcome, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<string?> GetDeliveryAsync(long accountId, string month, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        return (string?)await Command(c, "SELECT message_id FROM deliveries WHERE account_id = @a AND month = @m",
            ("@a", accountId), ("@m", month)).ExecuteScalarAsync(cancellationToken);
    }

    public async Task RecordDeliveryAsync(long accountId, string month, string messageId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await Command(c, "INSERT INTO deliveries (account_id, month, message_id, delivered_at) VALUES (@a, @m, @id, @at) ON CONFLICT DO NOTHING",
            ("@a", accountId), ("@m", month), ("@id", messageId), ("@at", Stamp(at))).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SavedModel?> LoadModelAsync(long accountId, string label, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var r = await Command(c, "SELECT trained_on, used, version, reason, evaluation, model, created_at FROM scoring_models WHERE account_id = @a AND label = @l",
            ("@a", accountId), ("@l", label)).ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
            return null;
        return new SavedModel(label, r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4),
            r.IsDBNull(5) ? null : (byte[])r.GetValue(5), DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture));
    }

    public async Task SaveModelAsync(long accountId, SavedModel model, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await Command(c, """
            INSERT INTO scoring_models (account_id, label, trained_on, used, version, reason, evaluation, model, created_at)
            VALUES (@a, @l, @t, @u, @v, @r, @e, @m, @at)
            ON CONFLICT (account_id, label) DO UPDATE SET trained_on = excluded.trained_on, used = excluded.used, version = excluded.version,
                reason = excluded.reason, evaluation = excluded.evaluation, model = excluded.model, created_at = excluded.created_at
            """, ("@a", accountId), ("@l", model.Label), ("@t", model.TrainedOn), ("@u", model.Used), ("@v", model.Version), ("@r", model.Reason),
            ("@e", model.Evaluation), ("@m", model.Model), ("@at", Stamp(model.CreatedAt))).ExecuteNonQueryAsync(cancellationToken);
    }
}
