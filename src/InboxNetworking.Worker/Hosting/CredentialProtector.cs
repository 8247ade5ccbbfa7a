using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace InboxNetworking.Worker.Hosting;

/// <summary>Passwords and tokens at rest: protected with ASP.NET Core Data Protection (authenticated
/// encryption, a key ring in the data directory that rotates on its own), never stored in plain text.</summary>
internal sealed class CredentialProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("InboxNetworking.Credentials.v1");

    public string Protect(string secret) => _protector.Protect(secret);

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
}
