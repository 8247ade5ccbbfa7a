using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace InboxNetworking.Worker.Hosting;

/// <summary>Passwords and tokens at rest: protected with ASP.NET Core Data Protection (authenticated
/// encryption, a key ring in the data directory that rotates on its own), never stored in plain text.</summary>
internal sealed class CredentialProtector(IDataProtectionProvider provider, IKeyManager keys, IOptions<KeyManagementOptions> keyOptions, TimeProvider time)
{
    private readonly IDataProtector _protector = provider.CreateProtector("InboxNetworking.Credentials.v1");
    private int _keyChecked;

    public string Protect(string secret)
    {
        if (Interlocked.Exchange(ref _keyChecked, 1) == 0)
            ReplaceUnencryptedCurrentKey();
        return _protector.Protect(secret);
    }

    /// <summary>The secret, or a UserError when the key ring that protected it is gone.</summary>
    public string Unprotect(string protectedSecret, string account)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            throw new UserError($"the stored credential of account '{account}' cannot be read (the key ring was changed or lost, or InboxNet:Store:KeyRingCertificate is not the certificate that encrypted it): run 'inboxnet connect' for it again, or set the certificate it was stored with");
        }
    }

    /// <summary>With InboxNet:Store:KeyRingCertificate set, a credential is never protected under a key stored in the
    /// clear: a current key made before the certificate was set is succeeded at once by a new, encrypted one, rather
    /// than protecting new credentials until Data Protection replaces it after 90 days.</summary>
    private void ReplaceUnencryptedCurrentKey()
    {
        if (keyOptions.Value is not { XmlEncryptor: not null, XmlRepository: { } repository })
            return;
        var now = time.GetUtcNow();
        var current = keys.GetAllKeys().Where(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now).MaxBy(k => k.ActivationDate);
        var stored = current is null ? null
            : repository.GetAllElements().FirstOrDefault(e => (string?)e.Attribute("id") == current.KeyId.ToString());
        if (stored is not null && !stored.Descendants("encryptedSecret").Any())
            keys.CreateNewKey(now, now.AddDays(90));
    }
}
