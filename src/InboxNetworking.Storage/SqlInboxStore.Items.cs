using System.Runtime.CompilerServices;
using InboxNetworking.Core.Domain;
using InboxNetworking.Core.Ports;
using System.Data.Common;

namespace InboxNetworking.Storage;

public abstract partial class SqlInboxStore
{
    protected const string InsertMessageSql = """
        INSERT INTO messages (account_id, message_key, message_id, date_ms, from_addr, from_name, to_list, cc_list,
            bcc_list, subject, in_reply_to, refs, list_id, list_unsubscribe, precedence, auto_submitted, has_attachment,
            carries_calendar, folder, in_sent, is_draft)
        VALUES (@a, @key, @mid, @date, @from, @fromName, @to, @cc, @bcc, @subject, @irt, @refs, @list, @unsub, @prec, @auto,
            @attach, @cal, @folder, @sent, @draft)
        ON CONFLICT DO NOTHING
        """;

    public async Task<BatchOutcome> CommitBatchAsync(long accountId, string sourceKey, SourceBatch batch, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var (added, duplicates) = await InsertMessagesAsync(c, accountId, batch.Mail, cancellationToken);
        var calendarChanges = 0;
        foreach (var change in batch.Calendar)
            calendarChanges += await ApplyAsync(c, accountId, change, cancellationToken);
        var quarantined = 0;
        foreach (var q in batch.Quarantined)
        {
            quarantined += await Command(c, "INSERT INTO quarantine (account_id, source, position, reason, at) VALUES (@a, @s, @p, @r, @at) ON CONFLICT DO NOTHING",
                ("@a", accountId), ("@s", q.Source), ("@p", q.Position), ("@r", q.Reason), ("@at", Now())).ExecuteNonQueryAsync(cancellationToken);
        }
        if (added + calendarChanges > 0)
            await Command(c, "UPDATE accounts SET data_changed_at = @at WHERE id = @a", ("@a", accountId), ("@at", Now())).ExecuteNonQueryAsync(cancellationToken);
        await Command(c, """
            INSERT INTO checkpoints (account_id, source_key, position, updated_at) VALUES (@a, @k, @p, @at)
            ON CONFLICT (account_id, source_key) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """, ("@a", accountId), ("@k", sourceKey), ("@p", batch.Checkpoint), ("@at", Now())).ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new BatchOutcome(added, duplicates, calendarChanges, quarantined);
    }

    /// <summary>The parameters of <see cref="InsertMessageSql"/> after @a, in the order <see cref="MessageValues"/> gives them.</summary>
    protected static readonly string[] MessageParameters =
        ["@key", "@mid", "@date", "@from", "@fromName", "@to", "@cc", "@bcc", "@subject", "@irt", "@refs", "@list", "@unsub", "@prec", "@auto", "@attach", "@cal", "@folder", "@sent", "@draft"];

    /// <summary>One message's values for <see cref="MessageParameters"/>: text, long (flags as 0 and 1) or null.</summary>
    protected static void MessageValues(MailItem m, object?[] values)
    {
        values[0] = m.MessageKey;
        values[1] = m.MessageId;
        values[2] = m.Date.ToUnixTimeMilliseconds();
        values[3] = m.From?.Address;
        values[4] = m.From?.DisplayName;
        values[5] = ParticipantList.Encode(m.To);
        values[6] = ParticipantList.Encode(m.Cc);
        values[7] = ParticipantList.Encode(m.Bcc);
        values[8] = m.Subject;
        values[9] = m.InReplyTo;
        values[10] = string.Join(' ', m.References);
        values[11] = m.ListId;
        values[12] = Flag(m.HasListUnsubscribe);
        values[13] = m.Precedence;
        values[14] = m.AutoSubmitted;
        values[15] = Flag(m.HasAttachment);
        values[16] = Flag(m.CarriesCalendar);
        values[17] = m.Folder;
        values[18] = Flag(m.InSentFolder);
        values[19] = Flag(m.IsDraft);
    }

    private static readonly object True = 1L, False = 0L;

    private static object Flag(bool value) => value ? True : False;

    /// <summary>A message first seen in another folder may turn out to be in Sent: that is what names the owner.</summary>
    private const string MarkSentSql = "UPDATE messages SET in_sent = 1 WHERE account_id = @a AND message_key = @key AND in_sent = 0";

    /// <summary>Marks stored messages as seen in Sent (the duplicates of a batch from a Sent folder).</summary>
    protected static async Task MarkSentAsync(DbConnection c, long accountId, IReadOnlyList<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
            return;
        var markSent = Command(c, MarkSentSql, ("@a", accountId), ("@key", ""));
        foreach (var key in keys)
        {
            markSent.Parameters["@key"].Value = key;
            await markSent.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Inserts the messages not stored yet, in the batch's transaction (the sync's hot path, so each
    /// provider binds them its fastest way); returns how many were added and how many were already there, and
    /// marks the duplicates seen in Sent (<see cref="MarkSentAsync"/>).</summary>
    protected abstract Task<(int Added, int Duplicates)> InsertMessagesAsync(DbConnection c, long accountId, IReadOnlyList<MailItem> mail, CancellationToken ct);

    /// <summary>Applies one iTIP change; returns how many stored occurrences it changed.</summary>
    private static Task<int> ApplyAsync(DbConnection c, long accountId, CalendarChange change, CancellationToken ct) => change switch
    {
        CalendarUpsert u => UpsertAsync(c, accountId, u, ct),
        CalendarCancel x => Command(c,
            "UPDATE calendar_events SET cancelled = 1 WHERE account_id = @a AND uid = @u AND sequence <= @s AND cancelled = 0"
            + (x.InstanceStart is null ? "" : " AND instance_start_ms = @i"),
            ("@a", accountId), ("@u", x.Uid), ("@s", x.Sequence), ("@i", x.InstanceStart?.ToUnixTimeMilliseconds())).ExecuteNonQueryAsync(ct),
        CalendarReply r => ReplyAsync(c, accountId, r, ct),
        _ => Task.FromResult(0),
    };

    private static async Task<int> UpsertAsync(DbConnection c, long accountId, CalendarUpsert u, CancellationToken ct)
    {
        if (u.WholeSeries)
        {
            var stored = await Command(c, "SELECT MAX(sequence) FROM calendar_events WHERE account_id = @a AND uid = @u AND is_override = 0",
                ("@a", accountId), ("@u", u.Uid)).ExecuteScalarAsync(ct);
            if (stored is long s && s > u.Sequence)
                return 0; // an older version of a series we already hold
        }
        var incoming = u.Occurrences.ToDictionary(o => o.InstanceStart.ToUnixTimeMilliseconds(), o => o);
        var changed = 0;
        if (u.WholeSeries)
        {
            // Occurrences the new rule no longer produces go; overrides stay unless replaced below.
            var existing = new List<long>();
            await using (var r = await Command(c, "SELECT instance_start_ms FROM calendar_events WHERE account_id = @a AND uid = @u AND is_override = 0",
                ("@a", accountId), ("@u", u.Uid)).ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                    existing.Add(r.GetInt64(0));
            }
            var delete = Command(c, "DELETE FROM calendar_events WHERE account_id = @a AND uid = @u AND instance_start_ms = @i", ("@a", accountId), ("@u", u.Uid), ("@i", 0L));
            foreach (var gone in existing.Where(i => !incoming.ContainsKey(i)))
            {
                delete.Parameters["@i"].Value = gone;
                changed += await delete.ExecuteNonQueryAsync(ct);
            }
        }
        var upsert = Command(c, """
            INSERT INTO calendar_events (account_id, uid, instance_start_ms, sequence, start_ms, end_ms, all_day, cancelled, recurring,
                is_override, organizer_addr, organizer_name, attendees, summary, fingerprint)
            VALUES (@a, @u, @i, @seq, @start, @end, @allDay, @cancelled, @recurring, @override, @org, @orgName, @att, @summary, @fp)
            ON CONFLICT (account_id, uid, instance_start_ms) DO UPDATE SET
                sequence = excluded.sequence, start_ms = excluded.start_ms, end_ms = excluded.end_ms, all_day = excluded.all_day,
                cancelled = excluded.cancelled, recurring = excluded.recurring, is_override = excluded.is_override,
                organizer_addr = excluded.organizer_addr, organizer_name = excluded.organizer_name, attendees = excluded.attendees,
                summary = excluded.summary, fingerprint = excluded.fingerprint
            WHERE excluded.sequence >= calendar_events.sequence AND excluded.fingerprint <> calendar_events.fingerprint
                AND NOT (calendar_events.is_override = 1 AND excluded.is_override = 0 AND excluded.sequence = calendar_events.sequence)
            """, ("@a", accountId), ("@u", u.Uid));
        foreach (var (instance, o) in incoming)
        {
            var attendees = AttendeeList.Encode(o.Attendees);
            var fingerprint = Fingerprint(string.Join('|', o.Sequence, o.Start.ToUnixTimeMilliseconds(), o.End.ToUnixTimeMilliseconds(), o.AllDay, o.Cancelled,
                o.Recurring, o.IsOverride, o.Organizer?.Address, attendees, o.Summary));
            Set(upsert, ("@i", instance), ("@seq", o.Sequence), ("@start", o.Start.ToUnixTimeMilliseconds()), ("@end", o.End.ToUnixTimeMilliseconds()),
                ("@allDay", o.AllDay), ("@cancelled", o.Cancelled), ("@recurring", o.Recurring), ("@override", o.IsOverride),
                ("@org", o.Organizer?.Address), ("@orgName", o.Organizer?.DisplayName), ("@att", attendees), ("@summary", o.Summary), ("@fp", fingerprint));
            changed += await upsert.ExecuteNonQueryAsync(ct);
        }
        return changed;
    }

    /// <summary>REPLY: the attendee's answer replaces the one stored, on the whole series or one occurrence.</summary>
    private static async Task<int> ReplyAsync(DbConnection c, long accountId, CalendarReply reply, CancellationToken ct)
    {
        var rows = new List<(long Instance, string Attendees)>();
        await using (var r = await Command(c, "SELECT instance_start_ms, attendees FROM calendar_events WHERE account_id = @a AND uid = @u"
            + (reply.InstanceStart is null ? "" : " AND instance_start_ms = @i"),
            ("@a", accountId), ("@u", reply.Uid), ("@i", reply.InstanceStart?.ToUnixTimeMilliseconds())).ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                rows.Add((r.GetInt64(0), r.GetString(1)));
        }
        var changed = 0;
        var update = Command(c, "UPDATE calendar_events SET attendees = @att WHERE account_id = @a AND uid = @u AND instance_start_ms = @i",
            ("@a", accountId), ("@u", reply.Uid), ("@i", 0L), ("@att", ""));
        foreach (var (instance, json) in rows)
        {
            var attendees = AttendeeList.Decode(json);
            var index = attendees.FindIndex(a => string.Equals(a.Address, reply.AttendeeAddress, StringComparison.OrdinalIgnoreCase));
            if (index < 0 || attendees[index].Response == reply.Response)
                continue;
            attendees[index] = attendees[index] with { Response = reply.Response };
            Set(update, ("@i", instance), ("@att", AttendeeList.Encode(attendees)));
            changed += await update.ExecuteNonQueryAsync(ct);
        }
        return changed;
    }

    public async IAsyncEnumerable<MailItem> ReadMailAsync(long accountId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var r = await Command(c, """
            SELECT message_key, message_id, date_ms, from_addr, from_name, to_list, cc_list, bcc_list, subject, in_reply_to, refs,
                list_id, list_unsubscribe, precedence, auto_submitted, has_attachment, carries_calendar, folder, in_sent, is_draft
            FROM messages WHERE account_id = @a ORDER BY date_ms, message_key
            """, ("@a", accountId)).ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            var refs = r.GetString(10);
            yield return new MailItem
            {
                MessageKey = r.GetString(0),
                MessageId = S(1),
                Date = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
                From = S(3) is { } from ? new Participant(from, S(4)) : null,
                To = ParticipantList.Decode(r.GetString(5)),
                Cc = ParticipantList.Decode(r.GetString(6)),
                Bcc = ParticipantList.Decode(r.GetString(7)),
                Subject = S(8),
                InReplyTo = S(9),
                References = refs.Length == 0 ? [] : refs.Split(' '),
                ListId = S(11),
                HasListUnsubscribe = r.GetInt64(12) != 0,
                Precedence = S(13),
                AutoSubmitted = S(14),
                HasAttachment = r.GetInt64(15) != 0,
                CarriesCalendar = r.GetInt64(16) != 0,
                Folder = r.GetString(17),
                InSentFolder = r.GetInt64(18) != 0,
                IsDraft = r.GetInt64(19) != 0,
            };
        }
    }

    public async Task<IReadOnlyList<string>> ListSentFromAddressesAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        var list = new List<string>();
        await using var r = await Command(c, "SELECT DISTINCT from_addr FROM messages WHERE account_id = @a AND in_sent = 1 AND from_addr IS NOT NULL",
            ("@a", accountId)).ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            list.Add(r.GetString(0));
        return list;
    }

    public async IAsyncEnumerable<CalendarItem> ReadCalendarAsync(long accountId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var c = await OpenAsync(cancellationToken);
        await using var r = await Command(c, """
            SELECT uid, instance_start_ms, sequence, start_ms, end_ms, all_day, cancelled, recurring, is_override, organizer_addr,
                organizer_name, attendees, summary
            FROM calendar_events WHERE account_id = @a
            """, ("@a", accountId)).ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            yield return new CalendarItem
            {
                Uid = r.GetString(0),
                InstanceStart = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                Sequence = checked((int)r.GetInt64(2)),
                Start = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
                End = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
                AllDay = r.GetInt64(5) != 0,
                Cancelled = r.GetInt64(6) != 0,
                Recurring = r.GetInt64(7) != 0,
                IsOverride = r.GetInt64(8) != 0,
                Organizer = r.IsDBNull(9) ? null : new Participant(r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10)),
                Attendees = AttendeeList.Decode(r.GetString(11)),
                Summary = r.IsDBNull(12) ? null : r.GetString(12),
            };
        }
    }

    private static void Set(DbCommand cmd, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (cmd.Parameters.Contains(name))
                cmd.Parameters[name].Value = Db(value);
            else
                cmd.Parameters.Add(Parameter(cmd, name, value));
        }
    }
}
