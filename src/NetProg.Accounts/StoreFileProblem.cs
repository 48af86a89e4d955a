namespace NetProg.Accounts;

/// <summary>What is wrong with an existing SQLite store file's permissions (Unix); see <see cref="StoreFileWarning"/>.</summary>
public enum StoreFileProblem
{
    /// <summary>Its group or other users may read or write it: the password hashes in it can be copied and guessed offline.</summary>
    OpenToOthers,

    /// <summary>Another user owns it: that user can read and change every account in it.</summary>
    OwnedByAnotherUser,
}
