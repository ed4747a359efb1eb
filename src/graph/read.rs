//! What the rest of the crate reads of a [`Graph`]: its fields are private to `graph`, so
//! only the graph's own modules build and patch it, and everyone else reads it through these.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::Graph;
use crate::load::registry::Registry;
use crate::model::*;

impl Graph {
    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    /// The day statuses are judged on.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    pub fn documents(&self) -> &IdVec<DocId, Document> {
        &self.documents
    }

    pub fn tasks(&self) -> &IdVec<TaskId, Task> {
        &self.tasks
    }

    /// Results reported against targets.
    pub fn reports(&self) -> &[Report] {
        &self.reports
    }

    /// Whether `key` (a name key) is the id of a document that exists but failed to load.
    pub fn is_unreadable(&self, key: &str) -> bool {
        self.unreadable.contains(key)
    }

    /// The name keys of the documents that exist but failed to load.
    pub fn unreadable(&self) -> &HashSet<String> {
        &self.unreadable
    }

    /// Documents that implement `d`.
    pub fn implemented_by(&self, d: DocId) -> &[DocId] {
        &self.implemented_by[d]
    }

    /// Copies of `d`.
    pub fn copies(&self, d: DocId) -> &[DocId] {
        &self.copies[d]
    }

    /// Documents that follow `d`.
    pub fn followed_by(&self, d: DocId) -> &[DocId] {
        &self.followed_by[d]
    }

    /// Documents that cite `d`.
    pub fn referenced_by(&self, d: DocId) -> &[DocId] {
        &self.referenced_by[d]
    }

    /// Tasks whose `implements` names `t`.
    pub fn task_children(&self, t: TaskId) -> &[TaskId] {
        &self.task_children[t]
    }

    /// Tasks document `d` carried out (`done_by`).
    pub fn carried_out(&self, d: DocId) -> &[TaskId] {
        &self.carried_out[d]
    }

    /// Tasks document `d` extended or withdrew.
    pub fn amended(&self, d: DocId) -> &[TaskId] {
        &self.amended[d]
    }

    /// Tasks with a progress note reported in document `d`.
    pub fn reported(&self, d: DocId) -> &[TaskId] {
        &self.reported[d]
    }

    /// Tasks `p` leads.
    pub fn leads(&self, p: Party) -> &[TaskId] {
        self.leads.get(&p).map_or(&[], Vec::as_slice)
    }

    /// Tasks `p` supports.
    pub fn supports(&self, p: Party) -> &[TaskId] {
        self.supports.get(&p).map_or(&[], Vec::as_slice)
    }

    /// Documents `p` issued.
    pub fn issued(&self, p: Party) -> &[DocId] {
        self.issued.get(&p).map_or(&[], Vec::as_slice)
    }

    /// Documents sent to `p` (its `recipients`).
    pub fn received(&self, p: Party) -> &[DocId] {
        self.received.get(&p).map_or(&[], Vec::as_slice)
    }

    /// Groups body `b` is a member of.
    pub fn groups_of(&self, b: BodyId) -> &[GroupId] {
        &self.groups_of[b]
    }

    /// Bodies whose parent is `b`.
    pub fn body_children(&self, b: BodyId) -> &[BodyId] {
        &self.body_children[b]
    }
}
