using System.Text;
using InboxNetworking.Core.Domain;

namespace InboxNetworking.Storage;

/// <summary>A compact text form for address lists: cheap to write and to split on the analysis hot path.</summary>
internal static class ParticipantList
{
    private const char FieldSeparator = '\u001f';
    private const char ItemSeparator = '\u001e';

    public static string Encode(IReadOnlyList<Participant> participants)
    {
        if (participants.Count == 0)
            return "";
        var sb = new StringBuilder();
        foreach (var p in participants)
        {
            if (sb.Length > 0)
                sb.Append(ItemSeparator);
            sb.Append(Clean(p.Address)).Append(FieldSeparator).Append(Clean(p.DisplayName));
        }
        return sb.ToString();
    }

    public static IReadOnlyList<Participant> Decode(string encoded)
    {
        if (encoded.Length == 0)
            return [];
        var items = encoded.Split(ItemSeparator);
        var result = new Participant[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var sep = items[i].IndexOf(FieldSeparator, StringComparison.Ordinal);
            var name = items[i][(sep + 1)..];
            result[i] = new Participant(items[i][..sep], name.Length == 0 ? null : name);
        }
        return result;
    }

    private static string Clean(string? s) =>
        s is null ? "" : s.Replace(FieldSeparator, ' ').Replace(ItemSeparator, ' ');
}
