// SPDX-License-Identifier: BSD-3-Clause
// Fuzz-style: random namespace operations (mkdir, rmdir, create+write,
// truncate, unlink, rename, symlink, link) on a small set of paths, with
// allocations failing at random, checked against a model of the tree.
// An operation that succeeds must be one the model allows; one that
// fails for lack of memory (ENOSPC/ENOMEM) must change nothing; after
// every step the whole tree (types, contents, link targets, link counts)
// is compared with the model. The fixture's TearDown then proves that
// nothing leaked.
#include "vfs_fixture.hpp"

#include <map>
#include <memory>
#include <random>

namespace {

using uk::hosttest::VfsTest;

struct MNode {
	uint32_t type;
	std::shared_ptr<std::string> data; // shared by hard links
	std::string target;
};

class Model {
public:
	Model() { nodes_["/"] = {UK_S_IFDIR, nullptr, ""}; }

	static std::string parent(const std::string &p)
	{
		auto i = p.rfind('/');
		return i == 0 ? "/" : p.substr(0, i);
	}
	bool is(const std::string &p, uint32_t t) const
	{
		auto it = nodes_.find(p);
		return it != nodes_.end() && it->second.type == t;
	}
	bool exists(const std::string &p) const { return nodes_.count(p) != 0; }
	bool empty_dir(const std::string &p) const
	{
		for (auto &kv : nodes_)
			if (kv.first != p && parent(kv.first) == p && kv.first != "/")
				return false;
		return true;
	}
	bool below(const std::string &p, const std::string &dir) const
	{
		return p.size() > dir.size() && p.compare(0, dir.size(), dir) == 0 &&
		       p[dir.size()] == '/';
	}
	bool can_make(const std::string &p) const
	{
		return is(parent(p), UK_S_IFDIR) && !exists(p);
	}

	bool mkdir(const std::string &p)
	{
		if (!can_make(p))
			return false;
		nodes_[p] = {UK_S_IFDIR, nullptr, ""};
		return true;
	}
	bool rmdir(const std::string &p)
	{
		if (!is(p, UK_S_IFDIR) || p == "/" || !empty_dir(p))
			return false;
		nodes_.erase(p);
		return true;
	}
	bool unlink(const std::string &p)
	{
		if (!exists(p) || is(p, UK_S_IFDIR))
			return false;
		nodes_.erase(p);
		return true;
	}
	// open(O_CREAT) may create; the write may be short.
	bool creatable(const std::string &p) const
	{
		return is(p, UK_S_IFREG) || can_make(p);
	}
	void write(const std::string &p, size_t off, const std::string &s, size_t done)
	{
		if (!exists(p))
			nodes_[p] = {UK_S_IFREG, std::make_shared<std::string>(), ""};
		std::string &d = *nodes_[p].data;
		if (done == 0)
			return;
		if (d.size() < off + done)
			d.resize(off + done, '\0');
		d.replace(off, done, s, 0, done);
	}
	bool truncate(const std::string &p, size_t len)
	{
		if (!is(p, UK_S_IFREG))
			return false;
		nodes_[p].data->resize(len, '\0');
		return true;
	}
	bool symlink(const std::string &t, const std::string &p)
	{
		if (!can_make(p))
			return false;
		nodes_[p] = {UK_S_IFLNK, std::make_shared<std::string>(), t}; // identity for links
		return true;
	}
	bool link(const std::string &from, const std::string &to)
	{
		if (!exists(from) || is(from, UK_S_IFDIR) || !can_make(to))
			return false;
		nodes_[to] = nodes_[from];
		return true;
	}
	bool rename(const std::string &a, const std::string &b)
	{
		if (!exists(a) || a == "/" || !is(parent(b), UK_S_IFDIR))
			return false;
		if (a == b)
			return true;
		bool adir = is(a, UK_S_IFDIR);
		if (adir && below(b, a))
			return false;
		if (exists(b)) {
			bool bdir = is(b, UK_S_IFDIR);
			if (adir != bdir || (bdir && !empty_dir(b)))
				return false;
			if (!adir && nodes_[a].data && nodes_[a].data == nodes_[b].data)
				return true; // hard links of one file
			nodes_.erase(b);
		}
		std::map<std::string, MNode> moved;
		for (auto it = nodes_.begin(); it != nodes_.end();) {
			if (it->first == a || below(it->first, a)) {
				moved[b + it->first.substr(a.size())] = it->second;
				it = nodes_.erase(it);
			} else {
				++it;
			}
		}
		nodes_.insert(moved.begin(), moved.end());
		return true;
	}
	uint32_t nlink(const std::string &p) const
	{
		const MNode &n = nodes_.at(p);
		if (n.type == UK_S_IFDIR) {
			uint32_t k = 2;
			for (auto &kv : nodes_)
				if (kv.first != "/" && kv.first != p && parent(kv.first) == p &&
				    kv.second.type == UK_S_IFDIR)
					++k;
			return k;
		}
		if (!n.data)
			return 1;
		uint32_t k = 0;
		for (auto &kv : nodes_)
			k += kv.second.data == n.data;
		return k;
	}
	const std::map<std::string, MNode> &nodes() const { return nodes_; }

	/**
	 * The model's own path walk (absolute paths without "." or "..",
	 * absolute link targets): the canonical path @p p names, or "" when
	 * it names nothing. @p follow: follow a final symlink; @p missing:
	 * a missing last component is fine (the parent must exist).
	 */
	std::string resolve(const std::string &p, bool follow, bool missing) const
	{
		std::vector<std::string> comps = split(p);
		std::string cur = "/";
		int links = 0;
		for (size_t i = 0; i < comps.size(); ++i) {
			if (!is(cur, UK_S_IFDIR))
				return "";
			std::string next = (cur == "/" ? "" : cur) + "/" + comps[i];
			bool last = i + 1 == comps.size();
			if (!exists(next))
				return last && missing ? next : "";
			if (is(next, UK_S_IFLNK) && (!last || follow)) {
				if (++links > UK_VFS_MAX_SYMLINKS)
					return "";
				std::vector<std::string> rest = split(nodes_.at(next).target);
				rest.insert(rest.end(), comps.begin() + static_cast<long>(i) + 1,
					    comps.end());
				comps = rest;
				cur = "/";
				i = static_cast<size_t>(-1);
				continue;
			}
			cur = next;
		}
		return cur;
	}
	std::string parent_path(const std::string &p) const { return resolve(p, false, true); }

private:
	static std::vector<std::string> split(const std::string &p)
	{
		std::vector<std::string> out;
		size_t i = 0;
		while (i < p.size()) {
			size_t j = p.find('/', i);
			if (j == std::string::npos)
				j = p.size();
			if (j > i)
				out.push_back(p.substr(i, j - i));
			i = j + 1;
		}
		return out;
	}

public:

private:
	std::map<std::string, MNode> nodes_;
};

class RamfsModel : public VfsTest {
protected:
	// The tree as the file system shows it, compared with the model.
	void check_tree(const Model &m, int step)
	{
		std::map<std::string, bool> seen;
		std::vector<std::string> todo{"/"};
		while (!todo.empty()) {
			std::string dir = todo.back();
			todo.pop_back();
			seen[dir] = true;
			for (auto &name : list(dir.c_str())) {
				if (name == "." || name == "..")
					continue;
				std::string p = (dir == "/" ? "" : dir) + "/" + name;
				ASSERT_TRUE(m.exists(p)) << "step " << step << ": extra " << p;
				seen[p] = true;
				const MNode &n = m.nodes().at(p);
				uk_file_info i{};
				ASSERT_EQ(stat(p.c_str(), &i, false), 0);
				ASSERT_EQ(i.mode & UK_S_IFMT, n.type) << p;
				ASSERT_EQ(i.nlink, m.nlink(p)) << "step " << step << ": " << p;
				if (n.type == UK_S_IFDIR) {
					todo.push_back(p);
				} else if (n.type == UK_S_IFREG) {
					ASSERT_EQ(get(p.c_str()), *n.data) << p;
				} else {
					char buf[64];
					auto r = vfs.readlink(p.c_str(), buf, sizeof(buf));
					ASSERT_TRUE(r.ok());
					ASSERT_EQ(std::string(buf, r.value()), n.target);
				}
			}
		}
		ASSERT_EQ(seen.size(), m.nodes().size()) << "step " << step;
	}
};

TEST_F(RamfsModel, RandomOperationsWithAllocationFailures)
{
	const char *paths[] = {"/a", "/b", "/a/x", "/a/y", "/b/x", "/b/z",
			       "/a/x/p", "/a/x/q", "/b/z/p", "/c"};
	constexpr int kPaths = sizeof(paths) / sizeof(paths[0]);
	Model m;
	std::mt19937 rng(1234);
	auto pick = [&] { return std::string(paths[rng() % kPaths]); };
	auto is_oom = [](int rc) { return rc == -UK_ENOSPC || rc == -UK_ENOMEM; };
	int refused = 0;

	for (int step = 0; step < 3000; ++step) {
		std::string a = pick(), b = pick();
		long budget = rng() % 4 == 0 ? static_cast<long>(rng() % 4) : -1;
		alloc.fail_after = budget;
		long failures_before = alloc.failures;
		int op = static_cast<int>(rng() % 8);
		int rc = 0;
		bool valid = false;
		switch (op) {
		case 0:
			rc = mkdir(a.c_str());
			valid = rc == 0 && m.mkdir(m.parent_path(a));
			break;
		case 1:
			rc = rmdir(a.c_str());
			valid = rc == 0 && m.rmdir(m.parent_path(a));
			break;
		case 2: {
			uk_file *f = nullptr;
			rc = open(a.c_str(), UK_O_CREAT | UK_O_WRONLY | UK_O_NOFOLLOW, &f);
			std::string q = m.parent_path(a);
			if (rc == 0) {
				valid = m.creatable(q);
				a = q;
				size_t off = rng() % 6000, len = rng() % 9000;
				std::string s(len, static_cast<char>('a' + step % 26));
				intptr_t n = f->ops->pwrite(f, s.data(), s.size(), static_cast<int64_t>(off));
				uk_file_put(f);
				ASSERT_TRUE(n >= 0 || (is_oom(static_cast<int>(n)) && len))
					<< "step " << step << ": write " << n;
				if (valid)
					m.write(a, off, s, n > 0 ? static_cast<size_t>(n) : 0);
			}
			break;
		}
		case 3: {
			size_t len = rng() % 10000;
			rc = err(vfs.truncate(a.c_str(), static_cast<int64_t>(len)));
			valid = rc == 0 && m.truncate(m.resolve(a, true, false), len);
			break;
		}
		case 4:
			rc = unlink(a.c_str());
			valid = rc == 0 && m.unlink(m.parent_path(a));
			break;
		case 5:
			rc = rename(a.c_str(), b.c_str());
			valid = rc == 0 && m.rename(m.parent_path(a), m.parent_path(b));
			break;
		case 6:
			rc = symlink(b.c_str(), a.c_str());
			valid = rc == 0 && m.symlink(b, m.parent_path(a));
			break;
		default:
			rc = err(vfs.link(a.c_str(), b.c_str()));
			valid = rc == 0 && m.link(m.resolve(a, false, false), m.parent_path(b));
			break;
		}
		alloc.fail_after = -1;
		if (getenv("MODEL_TRACE"))
			printf("step %d op %d %s %s budget %ld -> %d\n", step, op, a.c_str(), b.c_str(), budget, rc);
		if (rc == 0) {
			ASSERT_TRUE(valid) << "step " << step << ": op " << op << " " << a
					   << " " << b << " succeeded, the model refuses it";
		} else if (is_oom(rc)) {
			ASSERT_GT(alloc.failures, failures_before)
				<< "step " << step << ": " << rc << " without a failed allocation";
		} else if (budget < 0) {
			++refused;
		}
		check_tree(m, step);
		if (HasFatalFailure())
			return;
	}
	// The run was not all refusals: the tree grew and changed.
	EXPECT_LT(refused, 2500);
	EXPECT_GT(m.nodes().size(), 3u);
}

}  // namespace
