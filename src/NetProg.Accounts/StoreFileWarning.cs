namespace NetProg.Accounts;

/// <summary>
/// An existing SQLite store file that others can reach (<see cref="AccountStoreOptions.FileWarning"/>). The store still opens:
/// it is the user's file, and refusing it would lock them out of their own accounts; the caller says what to do.
/// </summary>
/// <param name="Path">The full path of the file.</param>
/// <param name="Mode">Its permission bits.</param>
/// <param name="OwnerId">The user id that owns it; with <see cref="StoreFileProblem.OwnedByAnotherUser"/> only, else the caller's.</param>
/// <param name="UserId">The effective user id netprog runs as.</param>
public sealed record StoreFileWarning(StoreFileProblem Problem, string Path, UnixFileMode Mode, uint OwnerId, uint UserId);
