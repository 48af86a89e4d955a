using NetProg.Accounts;

namespace NetProg.Services.Tests.Login;

/// <summary>What the login must not give away or allow: names by reply or timing, unlimited guesses, plaintext.</summary>
public sealed class LoginEchoSecurityTests
{
    [Fact]
    public async Task Should_send_identical_bytes_When_the_name_is_unknown_the_password_wrong_or_the_name_invalid()
    {
        // Given the account alice
        await using var server = await LoginHost.StartAsync();
        await server.AddUserAsync("alice", "pw");

        // When a wrong password is given for alice, for an unknown name, and for a name that is not even valid
        var wrongPassword = await FailedLoginReplyAsync(server, "alice");
        var unknownName = await FailedLoginReplyAsync(server, "nobody");
        var invalidName = await FailedLoginReplyAsync(server, "not a name!");

        // Then the three conversations are byte for byte the same
        Assert.Equal("331 password required\r\n530 login incorrect\r\n221 bye\r\n"u8.ToArray(), wrongPassword);
        Assert.Equal(wrongPassword, unknownName);
        Assert.Equal(wrongPassword, invalidName);
    }

    [Fact]
    public async Task Should_refuse_further_attempts_on_the_name_with_421_When_its_free_failures_are_used_up()
    {
        // Given a throttle that allows 2 free failures per name and then blocks it for a minute
        await using var server = await LoginHost.StartAsync(throttle: new LoginThrottleOptions
        {
            FreeFailuresPerAccount = 2,
            FreeFailuresPerAddress = 100,
            FirstDelay = TimeSpan.FromMinutes(1),
            MaxDelay = TimeSpan.FromMinutes(1),
        });
        await server.AddUserAsync("alice", "pw");
        await server.AddUserAsync("bob", "pw");
        await using (var guesser = await server.ConnectPastBannerAsync())
        {
            await guesser.SendAsync("USER alice\r\nPASS guess1\r\nUSER alice\r\nPASS guess2\r\nQUIT\r\n");
            Assert.Equal(
                "331 password required\r\n530 login incorrect\r\n331 password required\r\n530 login incorrect\r\n221 bye\r\n",
                await guesser.ReadToEndTextAsync());
        }

        // When the next attempt on alice comes on a new connection, even with the right password
        await using var client = await server.ConnectPastBannerAsync();
        await client.SendAsync("USER alice\r\nPASS pw\r\n");
        var refused = await client.ReadToEndTextAsync();

        // Then it is refused without a check and the connection closed, while another name is not held back
        Assert.Equal("331 password required\r\n421 too many attempts, try later\r\n", refused);
        await using var bob = await server.LogInAsync("bob", "pw");
        Assert.Contains(server.Log.Messages, m => m.Contains("throttled (alice)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_store_a_hash_with_the_current_parameters_When_a_user_with_an_older_hash_logs_in()
    {
        // Given alice, whose stored hash was made with weaker parameters than the server's (m = 32 KiB vs 64 KiB)
        await using var server = await LoginHost.StartAsync();
        using var weak = new PasswordHasher(new PasswordHasherOptions { Parameters = new Argon2Parameters(32, 1, 1) });
        var oldHash = await weak.HashAsync("pw");
        await server.Store.AddAsync("alice", oldHash);
        Assert.Contains("m=32,t=1,p=1", oldHash, StringComparison.Ordinal);

        // When she logs in (the login's bookkeeping, the new hash included, is written off the connection's path: waited for)
        await using var client = await server.LogInAsync("alice", "pw");
        await client.SendAsync("QUIT\r\n");
        Assert.Equal("221 bye\r\n", await client.ReadToEndTextAsync());
        await server.FlushRecordsAsync();

        // Then the stored hash was replaced by one with the current parameters, which still accepts her password
        var newHash = (await server.Store.FindAsync("alice"))!.PasswordHash;
        Assert.NotEqual(oldHash, newHash);
        Assert.Contains("m=64,t=1,p=1", newHash, StringComparison.Ordinal);
        var check = await server.Hasher.VerifyAsync("pw", newHash);
        Assert.True(check.Succeeded);
        Assert.False(check.NeedsRehash);
    }

    [Fact]
    public async Task Should_answer_service_not_available_and_close_When_the_store_cannot_be_read()
    {
        // Given a running login echo whose SQLite file is then replaced by something that is not a database
        await using var server = await LoginHost.StartAsync();
        await server.AddUserAsync("alice", "pw");
        await server.Store.DisposeAsync(); // releases the pooled connections; the next call opens the file again
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(server.DatabasePath + suffix);
        }

        await File.WriteAllBytesAsync(server.DatabasePath, Encoding.ASCII.GetBytes(new string('x', 8192)));

        // When alice tries to log in
        await using var client = await server.ConnectPastBannerAsync();
        await client.SendAsync("USER alice\r\nPASS pw\r\n");
        var received = await client.ReadToEndTextAsync();

        // Then the server says so and closes, instead of dropping the connection or claiming a wrong password
        Assert.Equal("331 password required\r\n421 service not available, try later\r\n", received);
        Assert.Contains(server.Log.Messages, m => m.StartsWith("405 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_keep_passwords_out_of_the_database_file_and_the_log_When_users_log_in_and_fail()
    {
        // Given alice with a distinctive password, in an SQLite file
        const string password = "Pa55-word-in-clear-7f3a";
        const string wrong = "Wrong-guess-in-clear-9c1e";
        await using var server = await LoginHost.StartAsync();
        await server.AddUserAsync("alice", password);

        // When she fails once, logs in, and an unknown name is tried with her password
        await using (var client = await server.ConnectPastBannerAsync())
        {
            await client.SendAsync($"USER alice\r\nPASS {wrong}\r\nUSER alice\r\nPASS {password}\r\nQUIT\r\n");
            Assert.Equal(
                "331 password required\r\n530 login incorrect\r\n331 password required\r\n230 welcome alice\r\n221 bye\r\n",
                await client.ReadToEndTextAsync());
        }

        await using (var client = await server.ConnectPastBannerAsync())
        {
            await client.SendAsync($"USER ghost\r\nPASS {password}\r\nQUIT\r\n");
            Assert.EndsWith("221 bye\r\n", await client.ReadToEndTextAsync(), StringComparison.Ordinal);
        }

        // Then neither password is in the database files or in any log message (but the log did record the events)
        var files = new[] { server.DatabasePath, server.DatabasePath + "-wal" }.Where(File.Exists).ToList();
        Assert.Contains(server.DatabasePath, files);
        var hashes = 0;
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)) < 0, $"{file} contains the password");
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(wrong)) < 0, $"{file} contains the wrong password");
            hashes += bytes.AsSpan().IndexOf("$argon2id$"u8) >= 0 ? 1 : 0;
        }

        // (the scan did read the account's row: its hash is in the file or its WAL)
        Assert.True(hashes > 0, $"no $argon2id$ hash in {string.Join(", ", files)}");

        Assert.Contains(server.Log.Messages, m => m.Contains("alice logged in", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Log.Messages, m => m.Contains(password, StringComparison.Ordinal) || m.Contains(wrong, StringComparison.Ordinal));
    }

    private static async Task<byte[]> FailedLoginReplyAsync(LoginHost server, string name)
    {
        await using var client = await server.ConnectPastBannerAsync();
        await client.SendAsync($"USER {name}\r\nPASS definitely-wrong\r\nQUIT\r\n");
        return await client.ReadToEndAsync();
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        return copy.ToArray();
    }
}
