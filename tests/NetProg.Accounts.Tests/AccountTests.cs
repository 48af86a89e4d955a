namespace NetProg.Accounts.Tests;

public sealed class AccountTests
{
    [Fact]
    public void Should_leave_the_hash_out_of_ToString()
    {
        // Given an account (as a log statement might print it)
        var account = new Account("alice", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", DateTimeOffset.UnixEpoch, null, 2);

        // When
        var text = account.ToString();

        // Then: no material for offline cracking in a log
        Assert.Equal("Account { Name = alice, PasswordHash = (hidden), Created = 1970-01-01T00:00:00.0000000+00:00, LastLogin = , FailedAttempts = 2 }", text);
    }
}
