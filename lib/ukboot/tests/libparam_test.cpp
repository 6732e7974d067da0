// SPDX-License-Identifier: BSD-3-Clause
//
// uk_libparam_take on command lines with and without library parameters.

#include <uk/libparam.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

std::vector<std::string> seen;
int set_ip(const char *v)
{
	seen.push_back(std::string("ip=") + v);
	return 0;
}
int set_gw(const char *v)
{
	seen.push_back(std::string("gw=") + v);
	return std::string(v) == "bad" ? -UK_EINVAL : 0;
}
const uk_libparam kTable[] = {
	{"lwip.ip", set_ip, "address"},
	{"lwip.gw", set_gw, "gateway"},
};

struct Args {
	explicit Args(std::vector<std::string> a) : store(std::move(a))
	{
		for (auto &s : store)
			ptrs.push_back(s.data());
		ptrs.push_back(nullptr);
	}
	int take(const char **bad)
	{
		return uk_libparam_take(static_cast<int>(store.size()), ptrs.data(), kTable,
					kTable + 2, bad);
	}
	std::vector<std::string> argv(int argc) const
	{
		std::vector<std::string> out;
		for (int i = 0; i < argc; ++i)
			out.emplace_back(ptrs[i]);
		EXPECT_EQ(ptrs[argc], nullptr);
		return out;
	}
	std::vector<std::string> store;
	std::vector<char *> ptrs;
};

TEST(LibParam, ParametersBeforeTheSeparatorGoToTheLibraries)
{
	seen.clear();
	Args a({"img", "lwip.ip=10.0.2.15/24", "lwip.gw=10.0.2.2", "--", "app", "--", "x"});
	const char *bad = nullptr;
	int argc = a.take(&bad);
	ASSERT_EQ(argc, 4);
	EXPECT_EQ(a.argv(argc), (std::vector<std::string>{"img", "app", "--", "x"}));
	EXPECT_EQ(seen, (std::vector<std::string>{"ip=10.0.2.15/24", "gw=10.0.2.2"}));
}

TEST(LibParam, WithoutASeparatorOrWithOtherArgumentsNothingIsTaken)
{
	seen.clear();
	const char *bad = nullptr;
	Args plain({"img", "lwip.ip=1.2.3.4", "app"});
	EXPECT_EQ(plain.take(&bad), 3);
	Args mixed({"img", "8080", "--", "x"});
	EXPECT_EQ(mixed.take(&bad), 4);
	EXPECT_EQ(mixed.argv(4), (std::vector<std::string>{"img", "8080", "--", "x"}));
	Args not_param({"img", "a=b", "--", "x"}); // no <lib>. in the name
	EXPECT_EQ(not_param.take(&bad), 4);
	Args empty({"img"});
	EXPECT_EQ(empty.take(&bad), 1);
	EXPECT_TRUE(seen.empty());
	Args only_sep({"img", "--", "--x"});
	ASSERT_EQ(only_sep.take(&bad), 2);
	EXPECT_EQ(only_sep.argv(2), (std::vector<std::string>{"img", "--x"}));
}

TEST(LibParam, UnknownOrRefusedParametersAreNamed)
{
	seen.clear();
	const char *bad = nullptr;
	Args unknown({"img", "lwip.ip=1.2.3.4", "lwip.mask=8", "--"});
	EXPECT_EQ(unknown.take(&bad), -UK_EINVAL);
	EXPECT_STREQ(bad, "lwip.mask=8");
	Args refused({"img", "lwip.gw=bad", "--", "app"});
	EXPECT_EQ(refused.take(&bad), -UK_EINVAL);
	EXPECT_STREQ(bad, "lwip.gw=bad");
	Args prefix({"img", "lwip.i=x", "--"}); // a prefix of a name is not it
	EXPECT_EQ(prefix.take(&bad), -UK_EINVAL);
}

}  // namespace
