//! The check run as a state machine: which GET comes next, and what each answer adds. Sequential on
//! purpose — a handful of requests, and a failure of the transport (no answer, CORS, rate limit)
//! stops the run instead of repeating the same wait for every check.

use super::http::{error_description, judge, next_page, Failure, Reason, Response};
use super::interpret::{self as it, Facts, Repo};
use super::url::{Origin, ProjectRef};
use super::{CheckId, CheckResult, Role, Status};
use std::collections::VecDeque;

/// Pages read per paginated list (100 items each).
pub const MAX_PAGES: u32 = 30;
/// Tags collected at most — the `transfer` task's own limit.
pub const MAX_TAGS: usize = 2000;

/// What to check.
#[derive(Debug, Clone)]
pub struct Config {
    pub origin: Origin,
    /// The project whose registry is checked (and whose CI jobs pull from `target`).
    pub project: ProjectRef,
    /// A project whose images `project`'s CI jobs pull: its job token allowlist is checked.
    pub target: Option<ProjectRef>,
    /// Whether the front end holds a token (it attaches it; the core never sees it).
    pub has_token: bool,
    /// Today (UTC) as `YYYY-MM-DD`, to notice a passed expiry date.
    pub today: Option<String>,
}

/// One request: always `GET`, always below the configured origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `/api/v4/…?…`, to append to [`Origin::as_str`].
    pub path: String,
    /// Attach the token (`PRIVATE-TOKEN` header) if there is one.
    pub auth: bool,
}

impl Request {
    /// The only method this feature ever uses.
    pub const METHOD: &'static str = "GET";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Token,
    Project,
    Repos(u32),
    RepoTags { repo: usize, page: u32 },
    RepoRules,
    TagRules,
    Target,
    TargetScope,
    TargetAllow(u32),
    TargetGroups(u32),
}

impl Step {
    fn check(self) -> CheckId {
        match self {
            Step::Token => CheckId::Token,
            Step::Project => CheckId::Project,
            Step::Repos(_) | Step::RepoTags { .. } => CheckId::Repositories,
            Step::RepoRules => CheckId::RepositoryProtection,
            Step::TagRules => CheckId::TagProtection,
            Step::Target | Step::TargetScope | Step::TargetAllow(_) | Step::TargetGroups(_) => {
                CheckId::JobTokenAllowlist
            }
        }
    }

    /// The role a 403 on this step means.
    fn needs(self) -> Role {
        match self {
            Step::Token | Step::Project => Role::Guest,
            Step::Repos(_) | Step::RepoTags { .. } => Role::Reporter,
            _ => Role::Maintainer,
        }
    }
}

#[derive(Debug)]
pub struct Session {
    cfg: Config,
    queue: VecDeque<Step>,
    current: Option<Step>,
    results: Vec<CheckResult>,
    facts: Option<Facts>,
    repos: Vec<Repo>,
    repos_incomplete: Option<Reason>,
    target: Option<Facts>,
    allowed_ids: Vec<u64>,
    allowed_groups: Vec<String>,
    stopped: Option<Reason>,
}

impl Session {
    pub fn new(cfg: Config) -> Session {
        let mut s = Session {
            queue: VecDeque::new(),
            current: None,
            results: Vec::new(),
            facts: None,
            repos: Vec::new(),
            repos_incomplete: None,
            target: None,
            allowed_ids: Vec::new(),
            allowed_groups: Vec::new(),
            stopped: None,
            cfg,
        };
        if s.cfg.has_token {
            s.queue.push_back(Step::Token);
        } else {
            s.results.push(it::no_token());
        }
        s.queue.push_back(Step::Project);
        s
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The next request to send, or `None` when every check has its result.
    pub fn next_request(&mut self) -> Option<Request> {
        if self.current.is_some() {
            return None; // one at a time: feed the answer first
        }
        let step = self.queue.pop_front()?;
        self.current = Some(step);
        let p = |r: &ProjectRef| r.segment();
        let project = self.facts.as_ref().map(|f| f.id.to_string()).unwrap_or_else(|| p(&self.cfg.project));
        let target = self.target.as_ref().map(|f| f.id.to_string());
        let target = target.unwrap_or_else(|| self.cfg.target.as_ref().map(p).unwrap_or_default());
        let path = match step {
            Step::Token => "/api/v4/personal_access_tokens/self".to_string(),
            Step::Project => format!("/api/v4/projects/{project}"),
            Step::Repos(page) => {
                format!("/api/v4/projects/{project}/registry/repositories?tags=true&tags_count=true&per_page=100&page={page}")
            }
            Step::RepoTags { repo, page } => format!(
                "/api/v4/projects/{project}/registry/repositories/{}/tags?per_page=100&page={page}",
                self.repos[repo].id
            ),
            Step::RepoRules => format!("/api/v4/projects/{project}/registry/protection/repository/rules"),
            Step::TagRules => format!("/api/v4/projects/{project}/registry/protection/tag/rules"),
            Step::Target => format!("/api/v4/projects/{target}"),
            Step::TargetScope => format!("/api/v4/projects/{target}/job_token_scope"),
            Step::TargetAllow(page) => {
                format!("/api/v4/projects/{target}/job_token_scope/allowlist?per_page=100&page={page}")
            }
            Step::TargetGroups(page) => {
                format!("/api/v4/projects/{target}/job_token_scope/groups_allowlist?per_page=100&page={page}")
            }
        };
        Some(Request { path, auth: self.cfg.has_token })
    }

    /// The answer to the request last returned by [`Session::next_request`].
    pub fn feed(&mut self, answer: Result<Response<'_>, Failure>) {
        let Some(step) = self.current.take() else { return };
        let response = match answer {
            Ok(r) => r,
            Err(f) => return self.stop(step, f.into()),
        };
        let optional = matches!(step, Step::RepoRules | Step::TagRules | Step::TargetGroups(_) | Step::Token);
        match judge(&response, self.cfg.has_token, step.needs(), optional) {
            Ok(json) => self.on_json(step, &json, &response),
            Err(reason @ Reason::RateLimited(_)) => self.stop(step, reason),
            Err(reason) => self.on_error(step, reason, &response),
        }
    }

    /// Every result so far, in check order. Complete once `next_request` returned `None`.
    pub fn results(&self) -> Vec<CheckResult> {
        let mut out = self.results.clone();
        if self.queue.is_empty() && self.current.is_none() {
            for check in CheckId::ALL {
                if check == CheckId::JobTokenAllowlist && self.cfg.target.is_none() {
                    continue;
                }
                if !out.iter().any(|r| r.check == check) {
                    out.push(it::could_not(check, self.stopped.unwrap_or(Reason::NeedsProject)));
                }
            }
        }
        out.sort_by_key(|r| r.check);
        out
    }

    pub fn is_done(&self) -> bool {
        self.queue.is_empty() && self.current.is_none()
    }

    /// The repositories and tags as the JSON the `transfer` task's `tag_list` reads, once the list
    /// was read completely.
    pub fn tag_list_json(&self) -> Option<String> {
        let done = self.results.iter().any(|r| r.check == CheckId::Repositories && r.status == Status::Pass);
        done.then(|| it::tag_list_json(&self.repos))
    }

    /// Values every problem can fill: `gitlab_url`, `project_path`, `project_id`, `registry`.
    pub fn values(&self) -> Vec<(String, String)> {
        it::base_values(&self.cfg.origin, self.facts.as_ref())
    }

    fn stop(&mut self, step: Step, reason: Reason) {
        self.stopped = Some(reason);
        self.queue.clear();
        self.set(it::could_not(step.check(), reason));
    }

    fn set(&mut self, result: CheckResult) {
        if !self.results.iter().any(|r| r.check == result.check) {
            self.results.push(result);
        }
    }

    fn on_error(&mut self, step: Step, reason: Reason, r: &Response<'_>) {
        match step {
            Step::Token if r.status == 401 => {
                let desc = error_description(r.body);
                self.set(it::token_rejected(&desc, self.values()));
            }
            Step::Project if matches!(reason, Reason::NotFound | Reason::NeedsToken) => {
                self.set(it::project_missing(self.cfg.project.as_str(), self.cfg.has_token, self.values()));
            }
            Step::RepoTags { .. } => {
                self.repos_incomplete = Some(reason);
                self.finish_repos_if_done();
            }
            Step::TargetGroups(_) if reason == Reason::NotAvailable => self.finish_allowlist(),
            _ => self.set(it::could_not(step.check(), reason)),
        }
    }

    fn on_json(&mut self, step: Step, json: &serde_json::Value, r: &Response<'_>) {
        let values = self.values();
        match step {
            Step::Token => self.set(it::token(json, self.cfg.today.as_deref(), values)),
            Step::Project => match it::facts(json) {
                Some(f) => {
                    let has_token = self.cfg.has_token;
                    self.facts = Some(f);
                    let values = self.values();
                    let f = self.facts.as_ref().expect("just set");
                    let results =
                        [it::project(f, has_token, &values), it::registry(f, &values), it::cleanup(json, &values)];
                    for res in results {
                        self.set(res);
                    }
                    self.queue.extend([Step::Repos(1), Step::RepoRules, Step::TagRules]);
                    if self.cfg.target.is_some() {
                        self.queue.push_back(Step::Target);
                    }
                }
                None => self.set(it::could_not(CheckId::Project, Reason::BadShape)),
            },
            Step::Repos(page) => {
                let Some(list) = json.as_array() else {
                    return self.set(it::could_not(step.check(), Reason::BadShape));
                };
                let start = self.repos.len();
                self.repos.extend(list.iter().filter_map(it::repo));
                let mut follow = Vec::new();
                for (i, repo) in self.repos.iter().enumerate().skip(start) {
                    if repo.tags_count.is_some_and(|n| n > repo.tags.len()) || repo.tags_count.is_none() && !repo.listed
                    {
                        follow.push(Step::RepoTags { repo: i, page: 1 });
                    }
                }
                self.continue_list(step, next_page(r), page, Step::Repos);
                for s in follow.into_iter().rev() {
                    self.queue.push_front(s);
                }
                self.finish_repos_if_done();
            }
            Step::RepoTags { repo, page } => {
                let Some(list) = json.as_array() else {
                    self.repos_incomplete = Some(Reason::BadShape);
                    return self.finish_repos_if_done();
                };
                let names = list.iter().filter_map(|t| t.get("name")?.as_str());
                let tags = &mut self.repos[repo].tags;
                for n in names {
                    if !tags.iter().any(|t| t == n) {
                        tags.push(n.to_string());
                    }
                }
                self.continue_list(step, next_page(r), page, |n| Step::RepoTags { repo, page: n });
                self.finish_repos_if_done();
            }
            Step::RepoRules => {
                let role = self.facts.as_ref().and_then(|f| f.role);
                self.set(it::repository_rules(json, role, &self.repos, values));
            }
            Step::TagRules => {
                let role = self.facts.as_ref().and_then(|f| f.role);
                self.set(it::tag_rules(json, role, values));
            }
            Step::Target => match it::facts(json) {
                Some(f) => {
                    self.target = Some(f);
                    self.queue.push_back(Step::TargetScope);
                }
                None => self.set(it::could_not(step.check(), Reason::BadShape)),
            },
            Step::TargetScope => match json.get("inbound_enabled").and_then(|v| v.as_bool()) {
                Some(false) => {
                    let v = it::allow_values(&self.cfg.origin, self.facts.as_ref(), self.target.as_ref());
                    self.set(it::allowlist_off(self.target.as_ref(), v));
                }
                Some(true) => self.queue.extend([Step::TargetAllow(1), Step::TargetGroups(1)]),
                None => self.set(it::could_not(step.check(), Reason::BadShape)),
            },
            Step::TargetAllow(page) | Step::TargetGroups(page) => {
                let Some(list) = json.as_array() else {
                    return self.set(it::could_not(step.check(), Reason::BadShape));
                };
                if matches!(step, Step::TargetAllow(_)) {
                    self.allowed_ids.extend(list.iter().filter_map(|p| p.get("id")?.as_u64()));
                    self.continue_list(step, next_page(r), page, Step::TargetAllow);
                } else {
                    let paths = list.iter().filter_map(|g| g.get("full_path")?.as_str());
                    self.allowed_groups.extend(paths.map(str::to_ascii_lowercase));
                    self.continue_list(step, next_page(r), page, Step::TargetGroups);
                }
                if !self.queue.iter().any(|s| matches!(s, Step::TargetAllow(_) | Step::TargetGroups(_))) {
                    self.finish_allowlist();
                }
            }
        }
    }

    /// Queues the next page (first in line, so a list is read in one go), up to the cap.
    fn continue_list(&mut self, step: Step, next: Option<u32>, page: u32, make: impl Fn(u32) -> Step) {
        match next {
            Some(n) if n > page && n <= MAX_PAGES => self.queue.push_front(make(n)),
            Some(n) if n > page => {
                if step.check() == CheckId::Repositories {
                    self.repos_incomplete = Some(Reason::TooManyPages);
                } else {
                    self.set(it::could_not(step.check(), Reason::TooManyPages));
                }
            }
            _ => {}
        }
    }

    fn finish_repos_if_done(&mut self) {
        if self.queue.iter().any(|s| matches!(s, Step::Repos(_) | Step::RepoTags { .. })) {
            return;
        }
        let total: usize = self.repos.iter().map(|r| r.tags.len()).sum();
        let incomplete = self.repos_incomplete.or((total > MAX_TAGS).then_some(Reason::TooManyPages));
        let values = self.values();
        self.set(it::repositories(&self.repos, incomplete, values));
    }

    fn finish_allowlist(&mut self) {
        let (Some(src), Some(tgt)) = (self.facts.as_ref(), self.target.as_ref()) else { return };
        let res = it::allowlist(src, tgt, &self.allowed_ids, &self.allowed_groups, &self.cfg.origin);
        self.set(res);
    }
}
