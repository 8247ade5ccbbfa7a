using System.Xml.Linq;
using InboxNetworking.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace InboxNetworking.Worker.Hosting;

/// <summary>Data Protection's key ring in the organisation's PostgreSQL store, so that every worker of a cluster
/// reads the credentials any of them stored. The database's access control guards it, as the data directory's
/// owner-only permissions guard the <c>keys/</c> folder of a single machine.</summary>
internal sealed class DatabaseKeyRing : IXmlRepository
{
    private readonly PostgresInboxStore _store;

    private DatabaseKeyRing(PostgresInboxStore store) => _store = store;

    /// <summary>The store's key ring; when it is still empty, the keys of <paramref name="keysDirectory"/> go into
    /// it first, so that credentials stored while the keys lived in that folder can still be read.</summary>
    public static DatabaseKeyRing Open(PostgresInboxStore store, string keysDirectory)
    {
        if (store.ReadKeyRing().Count == 0 && Directory.Exists(keysDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(keysDirectory, "*.xml").Order(StringComparer.Ordinal))
                store.AddToKeyRing(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file));
        }
        return new DatabaseKeyRing(store);
    }

    public IReadOnlyCollection<XElement> GetAllElements() => _store.ReadKeyRing().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        _store.AddToKeyRing(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
