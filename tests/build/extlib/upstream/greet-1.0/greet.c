/* Fixture: stands for third-party sources shipped as a tarball. */
const char *greet(void)
{
	return "greetings from the library";
}
