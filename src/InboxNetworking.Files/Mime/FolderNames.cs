namespace InboxNetworking.Files.Mime;

/// <summary>What a folder's name says about it: Sent folders name the owner, Junk and Drafts are skipped.</summary>
public static class FolderNames
{
    private static readonly HashSet<string> Sent = new(StringComparer.OrdinalIgnoreCase)
    {
        "sent", "sent items", "sent mail", "sent messages", "sent-mail", "sent_mail", "_sent_mail", "sent_items",
        "sentitems", "sent_messages", "outbox", "gesendet", "gesendete elemente", "envoyés", "éléments envoyés",
        "enviados", "inviata", "отправленные", "исходящие", "[gmail]/sent mail",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "junk", "junk e-mail", "junk email", "spam", "drafts", "draft", "[gmail]/spam", "[gmail]/drafts", "спам", "черновики",
    };

    /// <summary>The last segment of a Maildir++ (".a.b") or path-style folder name.</summary>
    public static string Leaf(string folder)
    {
        var f = folder.TrimStart('.').Replace('\\', '/');
        var slash = f.LastIndexOf('/');
        if (slash >= 0)
            f = f[(slash + 1)..];
        var dot = f.LastIndexOf('.');
        return dot >= 0 ? f[(dot + 1)..] : f;
    }

    public static bool IsSent(string folder) => Sent.Contains(Leaf(folder)) || Sent.Contains(folder.Trim('.'));

    public static bool IsSkipped(string folder) => Skipped.Contains(Leaf(folder)) || Skipped.Contains(folder.Trim('.'));
}
