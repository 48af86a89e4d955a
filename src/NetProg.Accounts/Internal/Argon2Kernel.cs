using System.Security.Cryptography;
using Konscious.Security.Cryptography;

namespace NetProg.Accounts.Internal;

/// <summary>The one place that calls Konscious: Argon2id over a password's UTF-8 bytes, which are wiped afterwards.</summary>
internal static class Argon2Kernel
{
    public static byte[] Derive(string password, byte[] salt, Argon2Parameters parameters, int length)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return Derive(bytes, salt, parameters, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>With the optional secret key K and associated data X of RFC 9106 §3.1, which netprog leaves empty (tests use them for the RFC's vector).</summary>
    public static byte[] Derive(byte[] password, byte[] salt, Argon2Parameters parameters, int length, byte[]? secret = null, byte[]? associatedData = null)
    {
        using var argon2 = new Argon2id(password)
        {
            Salt = salt,
            MemorySize = parameters.MemoryKiB,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
            KnownSecret = secret,
            AssociatedData = associatedData,
        };
        return argon2.GetBytes(length);
    }
}
