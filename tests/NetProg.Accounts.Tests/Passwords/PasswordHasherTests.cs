using System.Diagnostics;
using NetProg.Accounts.Internal;

namespace NetProg.Accounts.Tests.Passwords;

/// <summary>Argon2id hashing (RFC 9106) in PHC strings: correctness against independent vectors, rehash, malformed input, cost and concurrency.</summary>
public sealed class PasswordHasherTests
{
    /// <summary>
    /// Made by the reference implementation (Debian's <c>argon2</c> CLI, libargon2 20171227):
    /// <c>echo -n 'correct horse battery staple' | argon2 'netprog-salt-16b' -id -t 2 -m 10 -p 1 -l 32 -e</c>.
    /// </summary>
    private const string ReferenceCheap = "$argon2id$v=19$m=1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM";

    /// <summary>The same password by the same CLI at the default memory but t=1 (<c>-t 1 -k 19456</c>): weaker than today's default t=2.</summary>
    private const string ReferenceOneIteration = "$argon2id$v=19$m=19456,t=1,p=1$bmV0cHJvZy1zYWx0LTE2Yg$BMoSMF1/mpdUArvfFTMp7lnvDgi9GVXOp9G2ZJkv0n8";

    private const string ReferencePassword = "correct horse battery staple";

    [Fact]
    public void Should_reproduce_the_Argon2id_test_vector_of_RFC_9106_section_5_3()
    {
        // Given the RFC's inputs: m=32 KiB, t=3, p=4, password 32×0x01, salt 16×0x02, secret 8×0x03, associated data 12×0x04
        var password = Enumerable.Repeat((byte)0x01, 32).ToArray();
        var salt = Enumerable.Repeat((byte)0x02, 16).ToArray();
        var secret = Enumerable.Repeat((byte)0x03, 8).ToArray();
        var associatedData = Enumerable.Repeat((byte)0x04, 12).ToArray();

        // When
        var tag = Argon2Kernel.Derive(password, salt, new Argon2Parameters(32, 3, 4), 32, secret, associatedData);

        // Then the tag is the RFC's, so our parameters reach Konscious in the units the RFC means (m in KiB, t passes, p lanes)
        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Convert.ToHexStringLower(tag));
    }

    [Fact]
    public async Task Should_verify_a_hash_made_by_the_reference_argon2_implementation()
    {
        // Given a hasher whose current parameters are those of the reference hash
        using var hasher = new PasswordHasher(new PasswordHasherOptions { Parameters = new Argon2Parameters(1024, 2, 1) });

        // When
        var right = await hasher.VerifyAsync(ReferencePassword, ReferenceCheap);
        var wrong = await hasher.VerifyAsync("Correct horse battery staple", ReferenceCheap);

        // Then the PHC strings of libargon2 and ours are one format; the 16-byte salt is ours too, so no rehash is due
        Assert.Equal(new PasswordVerification(Succeeded: true, NeedsRehash: false), right);
        Assert.Equal(PasswordVerification.Failed, wrong);
    }

    [Fact]
    public async Task Should_read_the_parameters_from_the_stored_hash_and_ask_for_a_rehash_under_higher_defaults()
    {
        // Given a hash made with t=1, and a hasher at the defaults (m=19456, t=2, p=1)
        using var hasher = new PasswordHasher();

        // When
        var result = await hasher.VerifyAsync(ReferencePassword, ReferenceOneIteration);

        // Then it verifies with t=1 as stored, and asks to be upgraded
        Assert.Equal(new PasswordVerification(Succeeded: true, NeedsRehash: true), result);
    }

    [Fact]
    public async Task Should_write_a_PHC_string_with_the_OWASP_default_parameters_and_verify_it()
    {
        // Given the default hasher
        using var hasher = new PasswordHasher();

        // When
        var phc = await hasher.HashAsync("pässwörd ✓");

        // Then: 16-byte salt (22 Base64 characters) and 32-byte hash (43), unpadded, as libargon2 writes them
        Assert.Matches(@"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", phc);
        Assert.Equal(new PasswordVerification(true, false), await hasher.VerifyAsync("pässwörd ✓", phc));
        Assert.Equal(PasswordVerification.Failed, await hasher.VerifyAsync("pässwörd", phc));
        Assert.DoesNotContain("pässwörd", phc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_salt_every_hash_differently()
    {
        // Given
        using var hasher = new PasswordHasher(CheapHashes.Options);

        // When the same password is hashed twice
        var first = await hasher.HashAsync("same");
        var second = await hasher.HashAsync("same");

        // Then
        Assert.NotEqual(first, second);
        Assert.True((await hasher.VerifyAsync("same", first)).Succeeded);
        Assert.True((await hasher.VerifyAsync("same", second)).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("correct horse battery staple")]
    [InlineData("$argon2i$v=19$m=1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM")]
    [InlineData("$argon2id$v=16$m=1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM")]
    [InlineData("$argon2id$m=1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM")]
    [InlineData("$argon2id$v=19$t=2,m=1024,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM")]
    [InlineData("$argon2id$v=19$m=1024,t=0,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM")]
    [InlineData("$argon2id$v=19$m=99999999,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM")]
    [InlineData("$argon2id$v=19$m=1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM=")]
    [InlineData("$argon2id$v=19$m=1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$not*base64")]
    [InlineData("$argon2id$v=19$m=1024,t=2,p=1$c2FsdA$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM")]
    [InlineData("$argon2id$v=19$m=1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg")]
    [InlineData("$argon2id$v=19$m=1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM$extra")]
    [InlineData("$argon2id$v=19$m=+1024,t=2,p=1$bmV0cHJvZy1zYWx0LTE2Yg$H/g2LZLy6spWBqgwQuMTYN/Bd3XRieTQ6ugjatQDOVM")]
    public async Task Should_fail_without_an_exception_for_a_malformed_stored_hash(string? stored)
    {
        // Given a stored value that is not an Argon2id PHC string we accept
        using var hasher = new PasswordHasher(CheapHashes.Options);

        // When
        var result = await hasher.VerifyAsync(ReferencePassword, stored);

        // Then
        Assert.Equal(PasswordVerification.Failed, result);
    }

    [Fact]
    public async Task Should_fail_an_empty_password_without_an_exception_When_a_client_sends_PASS_without_an_argument()
    {
        // Found by tests/Reliability (garbage on the login echo): "PASS" alone reaches the hasher with "", and Konscious's
        // Argon2 throws on an empty password, which reset the connection instead of answering 530.
        using var hasher = new PasswordHasher(CheapHashes.Options);
        var standIn = await hasher.HashAsync("\0");

        Assert.False((await hasher.VerifyAsync(string.Empty, null)).Succeeded);
        Assert.False((await hasher.VerifyAsync(string.Empty, standIn)).Succeeded);
        await Assert.ThrowsAsync<ArgumentException>(() => hasher.HashAsync(string.Empty));
    }

    [Fact]
    public async Task Should_spend_a_full_verification_on_an_unknown_user()
    {
        // Given the default cost, and a real account's hash
        using var hasher = new PasswordHasher();
        var known = await hasher.HashAsync("pw");

        // When both cases are timed in turn, keeping the fastest run of each: load from tests running alongside only adds
        // time, and alternating spreads it over both cases
        var knownCost = TimeSpan.MaxValue;
        var unknownCost = TimeSpan.MaxValue;
        for (var i = 0; i < 6; i++)
        {
            knownCost = Min(knownCost, await TimeAsync(() => hasher.VerifyAsync("wrong", known)));
            unknownCost = Min(unknownCost, await TimeAsync(() => hasher.VerifyAsync("wrong", storedHash: null)));
        }

        // Then "no such user" costs an Argon2 run too (a shortcut would be ~1000x cheaper), so 530 does not tell names apart by time
        Assert.True(unknownCost >= knownCost * 0.25, $"unknown user: {unknownCost.TotalMilliseconds:0.0} ms, known user: {knownCost.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task Should_never_run_more_hashes_at_once_than_MaxConcurrency()
    {
        // Given a gate of 2 and a burst of 12 logins
        using var hasher = new PasswordHasher(CheapHashes.Options with { Parameters = new Argon2Parameters(4096, 1, 1), MaxConcurrency = 2 });

        // When
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => hasher.HashAsync($"pw{i}"))).WaitAsync(Waits.Slow);

        // Then all were served, never more than 2 at a time
        Assert.Equal(12, results.Distinct().Count());
        Assert.InRange(hasher.PeakConcurrency, 1, 2);
    }

    [Fact]
    public async Task Should_not_start_a_hash_for_a_cancelled_caller()
    {
        // Given a caller that has already gone away
        using var hasher = new PasswordHasher(CheapHashes.Options);

        // When / Then
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hasher.HashAsync("pw", new CancellationToken(canceled: true)));
        Assert.Equal(0, hasher.PeakConcurrency);
    }

    [Theory]
    [InlineData(0, 2, 1)]
    [InlineData(7, 1, 1)]
    [InlineData(64, 0, 1)]
    [InlineData(64, 1, 0)]
    [InlineData(64, 1, 65)]
    [InlineData(2 * 1024 * 1024, 1, 1)]
    public void Should_refuse_parameters_out_of_range(int memoryKiB, int iterations, int parallelism)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(new PasswordHasherOptions { Parameters = new Argon2Parameters(memoryKiB, iterations, parallelism) }));
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task<PasswordVerification>> verify)
    {
        var clock = Stopwatch.StartNew();
        var result = await verify();
        clock.Stop();
        Assert.False(result.Succeeded);
        return clock.Elapsed;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
